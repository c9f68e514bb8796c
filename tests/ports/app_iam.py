"""IAM the way Batch pipelines write it: a job role with inline policy documents and an AWS
managed policy by name, a customer managed policy, a separate ``iam.Policy`` attached to the role,
and an orchestrator role allowed to pass the job role and submit jobs.

Ported from AWS CDK by changing imports only."""
from constructs import Construct
from cdktf import TerraformStack

from batch_constructs import (EcsFargateContainerDefinition, EcsJobDefinition, FargateComputeEnvironment,
                              JobQueue, OrderedComputeEnvironment)
from batch_constructs import ec2, ecs, iam
from batch_constructs.core import Duration, Size
from batch_constructs.providers import aws_provider


class IamPoliciesStack(TerraformStack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        aws_provider(self, region="us-east-1")

        vpc = ec2.Vpc.from_lookup(self, "DefaultVpc", is_default=True)

        job_role = iam.Role(
            self, "JobRole",
            assumed_by=iam.ServicePrincipal("ecs-tasks.amazonaws.com"),
            description="Role of the report jobs",
            max_session_duration=Duration.hours(2),
            inline_policies={
                "ReadReference": iam.PolicyDocument(statements=[
                    iam.PolicyStatement(
                        sid="ReadReferenceData",
                        actions=["s3:GetObject", "s3:ListBucket"],
                        resources=["arn:aws:s3:::reference-data", "arn:aws:s3:::reference-data/*"]),
                    iam.PolicyStatement(
                        effect=iam.Effect.DENY,
                        actions=["s3:DeleteObject"],
                        resources=["arn:aws:s3:::reference-data/*"]),
                ]),
            },
            managed_policies=[iam.ManagedPolicy.from_aws_managed_policy_name("CloudWatchLogsReadOnlyAccess")],
        )
        job_role.add_managed_policy(iam.ManagedPolicy.from_aws_managed_policy_name("AmazonSSMReadOnlyAccess"))

        metrics_policy = iam.ManagedPolicy(
            self, "PutMetrics",
            description="Lets report jobs publish metrics",
            statements=[iam.PolicyStatement(
                actions=["cloudwatch:PutMetricData"], resources=["*"],
                conditions={"StringEquals": {"cloudwatch:namespace": "Reports"}})],
        )
        job_role.add_managed_policy(metrics_policy)

        queue_access = iam.Policy(self, "QueueAccess", statements=[
            iam.PolicyStatement(actions=["sqs:ReceiveMessage", "sqs:DeleteMessage"],
                                resources=["arn:aws:sqs:us-east-1:123456789012:report-requests"])])
        job_role.attach_inline_policy(queue_access)
        job_role.add_to_policy(iam.PolicyStatement(actions=["sts:GetCallerIdentity"], resources=["*"]))

        execution_role = iam.Role(
            self, "ExecutionRole", assumed_by=iam.ServicePrincipal("ecs-tasks.amazonaws.com"),
            managed_policies=[iam.ManagedPolicy.from_aws_managed_policy_name(
                "service-role/AmazonECSTaskExecutionRolePolicy")])

        environment = FargateComputeEnvironment(self, "Fargate", vpc=vpc, maxv_cpus=16)
        queue = JobQueue(self, "ReportQueue", priority=5, compute_environments=[
            OrderedComputeEnvironment(compute_environment=environment, order=1)])
        job_definition = EcsJobDefinition(self, "ReportJob", container=EcsFargateContainerDefinition(
            self, "ReportContainer",
            image=ecs.ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:2023"),
            cpu=0.5,
            memory=Size.gibibytes(1),
            command=["sh", "-c", "echo report"],
            job_role=job_role,
            execution_role=execution_role,
        ))

        orchestrator = iam.Role(
            self, "OrchestratorRole",
            assumed_by=iam.CompositePrincipal(iam.ServicePrincipal("states.amazonaws.com"),
                                              iam.ServicePrincipal("lambda.amazonaws.com")))
        job_role.grant_pass_role(orchestrator)
        execution_role.grant_pass_role(orchestrator)
        job_definition.grant_submit_job(orchestrator, queue)
