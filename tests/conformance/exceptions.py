"""The reviewed list of what AWS CDK 2.275.0 has and ``batch_constructs`` does not, with the reason.

Keys are the gaps ``tests/conformance/compare.py`` reports: ``Type``, ``Type.member``,
``Type(keyword)``, ``Type.method(keyword)``, or ``fnmatch`` patterns of them (``Cfn*``). Every
reason starts with one of :data:`KINDS`:

* ``CloudFormation-only: ...``: AWS CDK's CloudFormation machinery, which a Terraform library
  has no use for;
* ``not expressible in Terraform: ...``: no resource or argument of the hashicorp/aws provider
  (5.100 and 6.x) can carry it;
* ``NOT YET (missing feature): ...``: Terraform could express it; we have not built it. These are
  gaps to close, listed apart so that they are never mistaken for the two kinds above.

An entry that no longer matches a gap (ours has the name now) fails the test as stale: delete it.
"""
from __future__ import annotations

CLOUDFORMATION_ONLY = "CloudFormation-only: "
NOT_IN_TERRAFORM = "not expressible in Terraform: "
NOT_YET = "NOT YET (missing feature): "
KINDS = (CLOUDFORMATION_ONLY, NOT_IN_TERRAFORM, NOT_YET)

_CROSS_STACK = (CLOUDFORMATION_ONLY + "chooses how a reference across stacks is made (a CloudFormation "
                "Export/Fn::ImportValue or an SSM parameter); this library refuses references across stacks "
                "(_references.py) and Terraform stacks share values through remote state or data sources")
_INJECTION = (NOT_YET + "property injection (core.PropertyInjectors) is offered for the Batch constructs; "
              "the neighbour constructs have no PROPERTY_INJECTION_ID yet")
_REMOVAL = (NOT_YET + "apply_removal_policy (issue 10 item 1: on every construct that owns a resource; "
            "core.removal_policy_attributes has the Terraform meaning) is not on this neighbour construct yet "
            "(the Batch constructs have it; some neighbours take removal_policy= in their constructor)")
_CONSUMABLE = (NOT_IN_TERRAFORM + "Batch consumable resources have no resource in the hashicorp/aws provider "
               "(5.100 and 6.x offer only compute environments, job definitions, job queues and scheduling "
               "policies; only awscc has AWS::Batch::ConsumableResource)")

# -- aws_batch ----------------------------------------------------------------------------------
BATCH: dict[str, str] = {
    # CloudFormation-only
    "Cfn*": CLOUDFORMATION_ONLY + "the L1 Cfn* resources and their *Property structs are AWS CDK's "
            "CloudFormation layer; the Terraform resources are the provider bindings' Batch* classes "
            "(batch_constructs.providers.provider_class)",
    "*.apply_cross_stack_reference_strength": _CROSS_STACK,
    # not expressible in Terraform
    "ConsumableResource": _CONSUMABLE,
    "ConsumableResourceGrants": _CONSUMABLE,
    "ConsumableResourceType": _CONSUMABLE,
}

# -- the neighbour modules (only the classes we have; keys carry the namespace) ------------------
_EVENTS = NOT_YET + "EventBridge rules (aws_events) are outside the Batch subset (aws_cloudwatch_event_rule could)"
_METRICS = NOT_YET + "CloudWatch metrics, metric filters and alarms are outside the Batch subset"
_RESOURCE_POLICY = (NOT_YET + "resource policies (aws_s3_bucket_policy, aws_ecr_repository_policy, "
                    "aws_efs_file_system_policy, aws_secretsmanager_secret_policy, ...) are not built yet")
_TOKENS = (NOT_YET + "AWS CDK's token and principal protocol (to_string/to_json/resolve, "
           "add_to_assume_role_policy, with_session_tags); apps pass principals and documents, not call these")
_LOOKUP = (NOT_YET + "an AWS CDK context lookup; the Terraform form is a data source (as Vpc.from_lookup does), "
           "not built for this one")
_KMS = NOT_YET + "customer-managed KMS keys (aws_kms) are outside the subset; AWS-managed encryption only"
_BATCH_SETS = (NOT_YET + "not offered on purpose so far (README, Known differences): Batch ignores it in a launch "
               "template and takes it from the compute environment's keywords (instance_role, spot, "
               "placement_group, subnets)")
_VPN = NOT_YET + "VPN, client VPN, flow logs, network ACLs, IPv6 and IPAM are outside the Batch subset"
_ENDPOINT_OPTIONS = (NOT_YET + "VPC endpoint IP address types, DNS record types, cross-region service and "
                     "AZ lookups are not built")

NEIGHBOURS: dict[str, str] = {
    # CloudFormation-only
    "*.apply_cross_stack_reference_strength": _CROSS_STACK,
    # NOT YET, for every neighbour construct (the Batch constructs have both)
    "*.apply_removal_policy": _REMOVAL,
    "*.PROPERTY_INJECTION_ID": _INJECTION,
    "aws_s3.Bucket.from_cfn_bucket": CLOUDFORMATION_ONLY + "wraps an L1 CfnBucket",
    "aws_secretsmanager.*.cfn_dynamic_reference_key": CLOUDFORMATION_ONLY + "a {{resolve:secretsmanager:...}} "
        "CloudFormation dynamic reference",
    "aws_ssm.StringParameter.value_for_secure_string_parameter": CLOUDFORMATION_ONLY + "a {{resolve:ssm-secure:...}} "
        "CloudFormation dynamic reference, resolved by CloudFormation at deploy time",
    "aws_ssm.StringParameter.from_string_parameter_attributes(force_dynamic_reference)": CLOUDFORMATION_ONLY +
        "chooses a {{resolve:ssm:...}} dynamic reference over a CloudFormation parameter",
    "aws_ecr_assets.DockerImageAsset.add_resource_metadata": CLOUDFORMATION_ONLY + "SAM/CloudFormation asset "
        "metadata (aws:asset:path) for local tooling",
    "aws_iam.Role.customize_roles": CLOUDFORMATION_ONLY + "replaces roles in the CloudFormation template by a "
        "policy report for pre-created roles",
    # ===== NOT YET (missing feature): the neighbour modules cover what Batch apps use =====
    "*.add_to_resource_policy": _RESOURCE_POLICY,
    "*.on_cloud_trail_*": _EVENTS,
    "*.on_event": _EVENTS,
    "*.on_image_scan_completed": _EVENTS,
    "*.metric*": _METRICS,
    "*.extract_metric": _METRICS,
    "*.add_metric_filter": _METRICS,
    "aws_s3.Bucket.add_metric": _METRICS,
    "*.to_string": _TOKENS,
    "*.to_json": _TOKENS,
    "*.add_to_assume_role_policy": _TOKENS,
    "*.with_session_tags": _TOKENS,
    "aws_iam.PolicyDocument.resolve": _TOKENS,
    # aws_ec2
    "aws_ec2.InstanceClass.*": NOT_YET + "AWS CDK's long alias names (COMPUTE5, STANDARD6_GRAVITON, ...) and the "
        "families ec2/instances.py does not list; InstanceType('c8a.large') takes any type",
    "aws_ec2.InstanceSize.*": NOT_YET + "the sizes ec2/instances.py does not list (metal-16xl, 224xlarge, ...)",
    "aws_ec2.InterfaceVpcEndpointAwsService.[A-Z]*": NOT_YET + "constants for the services Batch jobs need only "
        "(ECR, ECR_DOCKER, CLOUDWATCH_LOGS, ...); any other is InterfaceVpcEndpointAwsService('name')",
    "aws_ec2.VpcEndpointType.*": NOT_YET + "Gateway Load Balancer, resource and service-network endpoints",
    "aws_ec2.Port.POP3_S": NOT_YET + "ours spells it POP3S; AWS CDK's Python name is POP3_S (jsii snake-cases "
        "constants): add the alias",
    "aws_ec2.*(dns_record_ip_type)": _ENDPOINT_OPTIONS,
    "aws_ec2.*(ip_address_type)": _ENDPOINT_OPTIONS,
    "aws_ec2.*(lookup_supported_azs)": _ENDPOINT_OPTIONS,
    "aws_ec2.*(private_dns_only_for_inbound_resolver_endpoint)": _ENDPOINT_OPTIONS,
    "aws_ec2.*(service_region)": _ENDPOINT_OPTIONS,
    "aws_ec2.*.add_to_policy": NOT_YET + "VPC endpoint policies",
    "aws_ec2.GatewayVpcEndpoint.from_gateway_vpc_endpoint_id": NOT_YET + "imports of VPC endpoints",
    "aws_ec2.InterfaceVpcEndpoint.from_interface_vpc_endpoint_attributes": NOT_YET + "imports of VPC endpoints",
    "aws_ec2.*(volume_initialization_rate)": NOT_YET + "EBS volume initialization rate of block devices",
    "aws_ec2.*(user_data)": NOT_YET + "user data carried by a machine image (Batch takes it from the launch "
        "template: LaunchTemplate(user_data=...))",
    "aws_ec2.MachineImage.generic_windows": NOT_YET + "Windows images (Batch ECS images are Linux)",
    "aws_ec2.MachineImage.latest_*": NOT_YET + "Amazon Linux/Windows image lookups; Batch environments take "
        "EcsMachineImage, MachineImage.generic_linux or from_ssm_parameter",
    "aws_ec2.MachineImage.lookup": _LOOKUP,
    "aws_ec2.MachineImage.resolve_ssm_parameter_at_launch": NOT_YET + "'resolve:ssm:' image ids in launch templates",
    "aws_ec2.UserData.for_operating_system": NOT_YET + "user data for other operating systems (for_linux only)",
    "aws_ec2.InstanceType.is_burstable": NOT_YET + "instance type predicates",
    "aws_ec2.InstanceType.same_instance_class_as": NOT_YET + "instance type predicates",
    "aws_ec2.IpAddresses.aws_ipam_allocation": _VPN,
    "aws_ec2.*.associate_network_acl": _VPN,
    "aws_ec2.*.add_client_vpn_endpoint": _VPN,
    "aws_ec2.*.add_flow_log": _VPN,
    "aws_ec2.*.add_vpn_connection": _VPN,
    "aws_ec2.*.enable_vpn_gateway": _VPN,
    "aws_ec2.*.add_ipv6_*": _VPN,
    "aws_ec2.*(assign_ipv6_address_on_creation)": _VPN,
    "aws_ec2.*(ipv6_assign_address_on_creation)": _VPN,
    "aws_ec2.*(ipv6_cidr_block)": _VPN,
    "aws_ec2.Vpc(flow_logs)": _VPN,
    "aws_ec2.Vpc(ip_protocol)": _VPN,
    "aws_ec2.Vpc(ipv6_addresses)": _VPN,
    "aws_ec2.Vpc(vpn_*)": _VPN,
    "aws_ec2.Vpc.from_vpc_attributes(vpn_gateway_id)": _VPN,
    "aws_ec2.Vpc.from_lookup(return_vpn_gateways)": _VPN,
    "aws_ec2.Vpc(availability_zones)": NOT_YET + "explicit AZ names (max_azs picks them from a data source)",
    "aws_ec2.Vpc(reserved_azs)": NOT_YET + "reserved AZ slots",
    "aws_ec2.Vpc(create_internet_gateway)": NOT_YET + "a public subnet without an internet gateway",
    "aws_ec2.Vpc(default_instance_tenancy)": NOT_YET + "dedicated tenancy",
    "aws_ec2.Vpc(gateway_endpoints)": NOT_YET + "endpoints as a constructor keyword (vpc.add_gateway_endpoint works)",
    "aws_ec2.Vpc(nat_gateway_provider)": NOT_YET + "NAT instances (NAT gateways only)",
    "aws_ec2.Vpc(nat_gateway_subnets)": NOT_YET + "choosing the NAT gateways' subnets",
    "aws_ec2.Vpc(restrict_default_security_group)": NOT_YET + "emptying the default security group "
        "(aws_default_security_group could)",
    "aws_ec2.*(subnet_filters)": NOT_YET + "SubnetFilter selections",
    "aws_ec2.*.add_route": NOT_YET + "routes added to subnets",
    "aws_ec2.PublicSubnet.add_nat_gateway(max_drain_duration)": NOT_YET + "NAT gateway drain duration",
    "aws_ec2.*.from_p*_subnet_attributes": NOT_YET + "typed subnet imports (Subnet.from_subnet_attributes works)",
    "aws_ec2.Subnet.is_vpc_subnet": NOT_YET + "a type predicate",
    "aws_ec2.SelectedSubnets(*)": NOT_YET + "the fields of a selection beyond subnets and subnet_ids",
    "aws_ec2.Vpc.from_lookup(*)": _LOOKUP,
    "aws_ec2.Vpc.from_vpc_attributes(region)": NOT_YET + "VPCs in another region",
    "aws_ec2.SecurityGroup.from_lookup_*": _LOOKUP,
    "aws_ec2.LaunchTemplate(role)": _BATCH_SETS,
    "aws_ec2.LaunchTemplate(instance_profile)": _BATCH_SETS,
    "aws_ec2.LaunchTemplate(spot_options)": _BATCH_SETS,
    "aws_ec2.LaunchTemplate(associate_public_ip_address)": _BATCH_SETS,
    "aws_ec2.LaunchTemplate(placement_group)": _BATCH_SETS,
    "aws_ec2.LaunchTemplate(*)": NOT_YET + "launch template options Batch apps rarely set (CPU options and "
        "credits, API termination protection, shutdown behaviour)",
    "aws_ec2.LaunchTemplate.add_security_group": NOT_YET + "security groups added to a launch template",
    "aws_ec2.PlacementGroup(spread_level)": NOT_YET + "spread level of placement groups",
    # aws_iam
    "aws_iam.ServicePrincipal(region)": NOT_YET + "regional service principals",
    "aws_iam.ServicePrincipal.from_static_service_principle_name": NOT_YET + "service principal helpers",
    "aws_iam.ServicePrincipal.service_principal_name": NOT_YET + "service principal helpers",
    "aws_iam.Grant.*": NOT_YET + "resource-policy halves of grants (no resource policies yet) and grant combinators",
    "aws_iam.IIdentity.*": NOT_YET + "the IIdentity protocol does not declare these yet (Role, User, Group have them)",
    "aws_iam.IRole.*": NOT_YET + "the IRole protocol does not declare these yet (Role has grant/grant_pass_role)",
    "aws_iam.IUser.add_to_group": NOT_YET + "the IUser protocol does not declare it",
    "aws_iam.Group.from_group_*": NOT_YET + "imports of groups",
    "aws_iam.User.from_user_*": NOT_YET + "imports of users",
    "aws_iam.User(password*)": NOT_YET + "console passwords (aws_iam_user_login_profile could)",
    "aws_iam.Policy.from_policy_name": NOT_YET + "imports of inline policies",
    "aws_iam.PolicyDocument.validate_for_*": NOT_YET + "AWS CDK's policy validation helpers",
    "aws_iam.PolicyStatement.validate_for_*": NOT_YET + "AWS CDK's policy validation helpers",
    "aws_iam.PolicyStatement.add_canonical_user_principal": NOT_YET + "canonical user principals",
    "aws_iam.PolicyStatement.add_service_principal(region)": NOT_YET + "regional service principals",
    "aws_iam.PolicyStatement.freeze": NOT_YET + "freezing a statement",
    "aws_iam.Role.from_lookup": _LOOKUP,
    "aws_iam.Role.from_role_*(add_grants_to_resources)": NOT_YET + "grants on resource policies of imported roles",
    "aws_iam.Role.grant_*(identity)": NOT_YET + "ours names the parameter 'grantee'; AWS CDK's is 'identity'",
    "aws_iam.Role.is_role": NOT_YET + "a type predicate",
    "aws_iam.Role.without_policy_updates": NOT_YET + "immutable role wrappers",
    # aws_ecs
    "aws_ecs.ContainerImage.from_tarball": NOT_YET + "images from a tarball",
    "aws_ecs.*.bind*": NOT_YET + "AWS CDK's bind(scope, container) protocol; ours is bind(scope, container) with "
        "other parameter names",
    "aws_ecs.LogDrivers.firelens": NOT_YET + "FireLens log routing (GenericLogDriver(log_driver='awsfirelens'))",
    "aws_ecs.LogDrivers.none": NOT_YET + "the 'none' log driver",
    "aws_ecs.LogDrivers.*(*)": NOT_YET + "typed keywords of the non-awslogs drivers; ours take Docker options= "
        "(LogDrivers.splunk(url=..., options={...}))",
    "aws_ecs.OperatingSystemFamily.WINDOWS_SERVER_20*": NOT_YET + "Windows Server 2004/20H2/2016 families (Batch "
        "Fargate takes 2019 and later)",
    # aws_logs
    "aws_logs.*.add_stream": NOT_YET + "log streams",
    "aws_logs.*.add_subscription_filter": NOT_YET + "subscription filters",
    "aws_logs.*.add_transformer": NOT_YET + "log transformers",
    "aws_logs.LogGroup(*)": NOT_YET + "log group class, data protection and field index policies, deletion "
        "protection",
    # aws_s3
    "aws_s3.BlockPublicAccess.BLOCK_ACLS_ONLY": NOT_YET + "the ACL-only preset",
    "aws_s3.Bucket(*)": NOT_YET + "bucket features outside the Batch subset (CORS, website, replication, "
        "inventories, metrics, object lock, access logs, notifications, KMS keys, ...)",
    "aws_s3.*.add_*notification": NOT_YET + "bucket notifications",
    "aws_s3.*.enable_event_bridge_notification": NOT_YET + "bucket notifications",
    "aws_s3.Bucket.add_cors_rule": NOT_YET + "CORS",
    "aws_s3.Bucket.add_inventory": NOT_YET + "inventories",
    "aws_s3.*.add_replication_policy": NOT_YET + "replication",
    "aws_s3.*.grant_replication_permission": NOT_YET + "replication",
    "aws_s3.*.grant_public_access": NOT_YET + "public buckets",
    "aws_s3.Bucket.grant_on_key": _KMS,
    "aws_s3.*url_for_object": NOT_YET + "object URL helpers",
    "aws_s3.Bucket.add_lifecycle_rule(*)": NOT_YET + "add_lifecycle_rule takes the LifecycleRule fields we have as "
        "keywords (id, enabled, prefix, expiration, abort-multipart, noncurrent expiration), not the others",
    "aws_s3.LifecycleRule(*)": NOT_YET + "lifecycle rule fields beyond expiration, prefix and abort-multipart",
    "aws_s3.Bucket.from_bucket_attributes(*)": NOT_YET + "bucket attributes beyond name and ARN",
    "aws_s3.Bucket.validate_bucket_name(allow_legacy_bucket_naming)": NOT_YET + "legacy bucket names",
    # aws_efs
    "aws_efs.*(client_token)": NOT_YET + "access point client tokens",
    "aws_efs.FileSystem(*)": NOT_YET + "one-zone, automatic backups, replication, file system policy, KMS key",
    # aws_ecr
    "aws_ecr.Repository(*)": NOT_YET + "KMS encryption, auto delete, tag mutability exclusions, lifecycle "
        "registry",
    "aws_ecr.Repository.from_lookup": _LOOKUP,
    "aws_ecr.TagMutability.*_WITH_EXCLUSION": NOT_YET + "tag mutability exclusions",
    # aws_secretsmanager
    "aws_secretsmanager.*.add_rotation_schedule": NOT_YET + "rotation",
    "aws_secretsmanager.*.attach": NOT_YET + "secret attachments",
    "aws_secretsmanager.*.deny_account_root_delete": NOT_YET + "resource policies",
    "aws_secretsmanager.*.secret_value_from_json": NOT_YET + "reading a field of the secret value",
    "aws_secretsmanager.Secret(*)": NOT_YET + "replica regions and object/beta secret values",
    "aws_secretsmanager.Secret.add_replica_region": NOT_YET + "replica regions",
    # aws_ssm
    "aws_ssm.StringParameter(type)": NOT_YET + "the deprecated 'type' keyword (ours: data_type)",
    "aws_ssm.StringParameter.from_secure_string_parameter_attributes": NOT_YET + "SecureString parameters",
    "aws_ssm.StringParameter.from_string_parameter_attributes(*)": NOT_YET + "typed parameter imports",
    "aws_ssm.StringParameter.grant_on_key": _KMS,
    "aws_ssm.StringParameter.value_for_typed_string_parameter*": NOT_YET + "typed parameter values",
    "aws_ssm.StringParameter.value_from_lookup": _LOOKUP,
}


def kind_counts(table: dict[str, str]) -> dict[str, int]:
    """How many entries of ``table`` there are of each kind of reason."""
    return {kind.rstrip(": "): sum(1 for reason in table.values() if reason.startswith(kind)) for kind in KINDS}
