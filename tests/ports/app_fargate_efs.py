"""Fargate jobs that mount an EFS access point, read a Secrets Manager secret and an SSM
parameter as container secrets, write to an S3 bucket and log to their own log group.

Ported from AWS CDK by changing imports only."""
from constructs import Construct
from cdktf import TerraformStack

from batch_constructs import (EcsFargateContainerDefinition, EcsJobDefinition, EcsVolume,
                              FargateComputeEnvironment, JobQueue, OrderedComputeEnvironment, Secret)
from batch_constructs import ec2, ecs, efs, iam, logs, s3, secretsmanager, ssm
from batch_constructs.core import Duration, RemovalPolicy, Size
from batch_constructs.providers import aws_provider


class FargateEfsStack(TerraformStack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        aws_provider(self, region="us-east-1")

        vpc = ec2.Vpc(self, "Vpc", max_azs=2)

        file_system = efs.FileSystem(
            self, "SharedData", vpc=vpc, encrypted=True,
            performance_mode=efs.PerformanceMode.GENERAL_PURPOSE,
            throughput_mode=efs.ThroughputMode.BURSTING,
            lifecycle_policy=efs.LifecyclePolicy.AFTER_30_DAYS,
            removal_policy=RemovalPolicy.DESTROY,
        )
        access_point = file_system.add_access_point(
            "JobsAccessPoint", path="/jobs",
            posix_user=efs.PosixUser(uid="1000", gid="1000"),
            create_acl=efs.Acl(owner_uid="1000", owner_gid="1000", permissions="750"),
        )

        results = s3.Bucket(
            self, "Results",
            encryption=s3.BucketEncryption.S3_MANAGED,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            versioned=True,
            removal_policy=RemovalPolicy.DESTROY,
            auto_delete_objects=True,
        )
        db_secret = secretsmanager.Secret(
            self, "DatabaseCredentials",
            generate_secret_string=secretsmanager.SecretStringGenerator(
                secret_string_template='{"username": "batch"}', generate_string_key="password",
                exclude_punctuation=True),
        )
        api_url = ssm.StringParameter(self, "ApiUrl", parameter_name="/pipeline/api-url",
                                      string_value="https://api.example.com")
        log_group = logs.LogGroup(self, "JobLogs", retention=logs.RetentionDays.TWO_WEEKS,
                                  removal_policy=RemovalPolicy.DESTROY)

        environment = FargateComputeEnvironment(self, "FargateEnvironment", vpc=vpc, maxv_cpus=128)
        file_system.connections.allow_default_port_from(environment)

        queue = JobQueue(self, "Queue", compute_environments=[
            OrderedComputeEnvironment(compute_environment=environment, order=1)])

        job_role = iam.Role(self, "JobRole", assumed_by=iam.ServicePrincipal("ecs-tasks.amazonaws.com"))
        results.grant_read_write(job_role)
        file_system.grant_read_write(job_role)

        container = EcsFargateContainerDefinition(
            self, "Container",
            image=ecs.ContainerImage.from_registry("public.ecr.aws/docker/library/python:3.12-slim"),
            cpu=1,
            memory=Size.gibibytes(2),
            command=["python", "-m", "pipeline.run"],
            job_role=job_role,
            environment={"RESULTS_BUCKET": results.bucket_name, "DATA_DIR": "/mnt/data"},
            secrets={
                "DB_PASSWORD": Secret.from_secrets_manager(db_secret, "password"),
                "API_URL": Secret.from_ssm_parameter(api_url),
            },
            volumes=[EcsVolume.efs(
                name="data", container_path="/mnt/data", file_system=file_system,
                access_point_id=access_point.access_point_id,
                enable_transit_encryption=True, use_job_role=True,
            )],
            logging=ecs.LogDrivers.aws_logs(stream_prefix="pipeline", log_group=log_group),
            fargate_platform_version=ecs.FargatePlatformVersion.VERSION1_4,
            ephemeral_storage_size=Size.gibibytes(50),
        )
        job_definition = EcsJobDefinition(self, "PipelineJob", container=container,
                                          timeout=Duration.hours(2), propagate_tags=True)

        submitter = iam.User(self, "Submitter")
        job_definition.grant_submit_job(submitter, queue)
