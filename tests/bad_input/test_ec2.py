"""Rows for the ``ec2`` value objects and factories the compute environments take (instance types
and classes, subnet selections, VPCs, security groups, launch templates, placement groups, machine
images): every mistake is a ValidationError naming the construct (``None`` for value objects built
outside any construct), the keyword, what was expected and what was given. Then the valid inputs
that keep working."""
from __future__ import annotations

from typing import Any

from batch_constructs import DefaultInstanceClass, ManagedEc2EcsComputeEnvironment
from batch_constructs.core import Duration
from batch_constructs.ec2 import (InstanceClass, InstanceSize, InstanceType, LaunchTemplate, MachineImage,
                                  PlacementGroup, PlacementGroupStrategy, SecurityGroup, SubnetSelection, SubnetType,
                                  Vpc)
from batch_constructs.testing import Template

from ._table import Bad, params, run

IMP = "TestStack/Imp"


def ecs(s: Any, v: Any, **kwargs: Any) -> ManagedEc2EcsComputeEnvironment:
    return ManagedEc2EcsComputeEnvironment(s, "CE", vpc=v, **kwargs)


BOOL = r"must be True or False, got "
WHOLE = r"must be a whole number, got "
VPC = r"'vpc' must be a batch_constructs\.ec2\.Vpc or Vpc\.from_attributes\(\.\.\.\), got "

EC2_ROWS = [
    # instance types and classes (value objects: no construct path)
    Bad("instance-type-int", lambda s, v: InstanceType(5), None,
        r"'instance_type_identifier' must be an EC2 instance type string such as 'm5\.large', got 5 \(int\)"),
    Bad("instance-type-no-size", lambda s, v: InstanceType("m5"), None,
        r"^'m5' is not an EC2 instance type such as 'm5\.large'$"),
    Bad("instance-type-of-int", lambda s, v: InstanceType.of(5, InstanceSize.LARGE), None,
        r"'instance_class' must be an ec2\.InstanceClass or an instance family such as 'm5', got 5 \(int\)"),
    Bad("instance-type-of-bad-size", lambda s, v: InstanceType.of(InstanceClass.M5, "huge size"), None,
        r"'instance_size' must be an ec2\.InstanceSize or an instance size such as 'large', got 'huge size' \(str\)"),
    Bad("instance-type-of-default-class", lambda s, v: InstanceType.of(DefaultInstanceClass.X86_64, "large"), None,
        r"'instance_class' must be an ec2\.InstanceClass .*, got <DefaultInstanceClass\.X86_64"),
    Bad("instance-class-unknown", lambda s, v: InstanceClass("zz9"), None,
        r"'instance_class' must be an EC2 instance family such as 'm5' \(an ec2\.InstanceClass\), got 'zz9' \(str\)"),
    Bad("instance-class-int", lambda s, v: InstanceClass(5), None,
        r"'instance_class' must be an EC2 instance family such as 'm5' .*, got 5 \(int\)"),
    # subnet selections
    Bad("subnet-selection-type", lambda s, v: SubnetSelection(subnet_type="DMZ"), None,
        r"'subnet_type' must be one of SubnetType\.PUBLIC, SubnetType\.PRIVATE_WITH_EGRESS, "
        r"SubnetType\.PRIVATE_ISOLATED, got 'DMZ' \(str\)"),
    Bad("subnet-selection-ids-str", lambda s, v: SubnetSelection(subnet_ids="subnet-a"), None,
        r"'subnet_ids' must be a list of subnet ids, got 'subnet-a' \(str\); wrap a single value"),
    Bad("subnet-selection-ids-bad", lambda s, v: SubnetSelection(subnet_ids=["subnet-a", "a"]), None,
        r"'subnet_ids\[1\]' must be a subnet id \(subnet-\.\.\.\), got 'a' \(str\)"),
    Bad("subnet-selection-subnets-int", lambda s, v: SubnetSelection(subnets=[5]), None,
        r"'subnets\[0\]' must be a subnet id, an ISubnet or the provider's Subnet, got 5 \(int\)"),
    Bad("subnet-selection-two-ways", lambda s, v: SubnetSelection(subnet_type=SubnetType.PUBLIC,
                                                                   subnet_ids=["subnet-a"]), None,
        r"'SubnetSelection' takes only one of subnet_type, subnets or subnet_ids, got subnet_type and subnet_ids"),
    Bad("select-subnets-dict", lambda s, v: v.select_subnets({"subnet_type": "Public"}), None,
        r"'selection' must be an ec2\.SubnetSelection, got \{'subnet_type': 'Public'\} \(dict\)"),
    # VPCs
    Bad("vpc-import-id-int", lambda s, v: Vpc.from_attributes(s, "Imp", vpc_id=5), IMP,
        r"'vpc_id' must be a VPC id \(vpc-\.\.\.\), got 5 \(int\)"),
    Bad("vpc-import-id-name", lambda s, v: Vpc.from_attributes(s, "Imp", vpc_id="my-vpc"), IMP,
        r"'vpc_id' must be a VPC id \(vpc-\.\.\.\), got 'my-vpc' \(str\)"),
    Bad("vpc-import-subnets-str", lambda s, v: Vpc.from_attributes(s, "Imp", vpc_id="vpc-1",
                                                                    private_subnet_ids="subnet-a"), IMP,
        r"'private_subnet_ids' must be a list of subnet ids, got 'subnet-a' \(str\)"),
    Bad("vpc-import-subnet-int", lambda s, v: Vpc.from_attributes(s, "Imp", vpc_id="vpc-1", public_subnet_ids=[1]),
        IMP, r"'public_subnet_ids\[0\]' must be a subnet id \(subnet-\.\.\.\), got 1 \(int\)"),
    Bad("vpc-max-azs-str", lambda s, v: Vpc(s, "V", max_azs="2"), "TestStack/V",
        r"'max_azs' " + WHOLE + r"'2' \(str\)"),
    Bad("vpc-max-azs-fraction", lambda s, v: Vpc(s, "V", max_azs=2.5), "TestStack/V",
        r"'max_azs' " + WHOLE + r"2\.5 \(float\)"),
    Bad("vpc-max-azs-range", lambda s, v: Vpc(s, "V", max_azs=7), "TestStack/V",
        r"Vpc 'max_azs' must be between 1 and 6, got 7$"),
    Bad("vpc-cidr-prefix", lambda s, v: Vpc(s, "V", ip_addresses="10.0.0.0/33"), "TestStack/V",
        r"'ip_addresses' must be an IPv4 CIDR block such as '10\.0\.0\.0/16', got '10\.0\.0\.0/33' \(str\)"),
    Bad("vpc-cidr-too-small", lambda s, v: Vpc(s, "V", ip_addresses="10.0.0.0/30"), "TestStack/V",
        r"'ip_addresses' must be an IPv4 CIDR block .*, got '10\.0\.0\.0/30' \(str\)"),
    Bad("vpc-cidr-int", lambda s, v: Vpc(s, "V", ip_addresses=10), "TestStack/V",
        r"'ip_addresses' must be a string, got 10 \(int\)"),
    Bad("vpc-nat-negative", lambda s, v: Vpc(s, "V", nat_gateways=-1), "TestStack/V",
        r"'nat_gateways' must be a whole number from 0 to 2147483647, got -1 \(int\)"),
    # security groups
    Bad("sg-vpc-str", lambda s, v: SecurityGroup(s, "SG", vpc="vpc-1"), "TestStack/SG",
        VPC + r"'vpc-1' \(str\)"),
    Bad("sg-description-chars", lambda s, v: SecurityGroup(s, "SG", vpc=v, description="jobs ✓"), "TestStack/SG",
        r"'description' must be a description of 1-255 letters, digits, spaces and .*, got 'jobs ✓' \(str\)"),
    Bad("sg-description-long", lambda s, v: SecurityGroup(s, "SG", vpc=v, description="a" * 256), "TestStack/SG",
        r"'description' must be a description of 1-255 .*, got 'a+.*256 characters"),
    Bad("sg-name-sg-prefix", lambda s, v: SecurityGroup(s, "SG", vpc=v, security_group_name="sg-jobs"),
        "TestStack/SG", r"'security_group_name' must be a name of 1-255 .*not starting with 'sg-', got 'sg-jobs'"),
    Bad("sg-allow-all-outbound-str", lambda s, v: SecurityGroup(s, "SG", vpc=v, allow_all_outbound="no"),
        "TestStack/SG", r"'allow_all_outbound' " + BOOL + r"'no' \(str\)"),
    Bad("sg-import-name", lambda s, v: SecurityGroup.from_security_group_id(s, "Imp", "default"), IMP,
        r"'security_group_id' must be a security group id \(sg-\.\.\.\), got 'default' \(str\)"),
    Bad("sg-import-int", lambda s, v: SecurityGroup.from_security_group_id(s, "Imp", 5), IMP,
        r"'security_group_id' must be a security group id \(sg-\.\.\.\), got 5 \(int\)"),
    # launch templates
    Bad("lt-name-int", lambda s, v: LaunchTemplate(s, "LT", launch_template_name=5), "TestStack/LT",
        r"'launch_template_name' must be a launch template name \(3-128 letters, digits and \(\)\.-/_\), got 5"),
    Bad("lt-name-chars", lambda s, v: LaunchTemplate(s, "LT", launch_template_name="my template!"), "TestStack/LT",
        r"'launch_template_name' must be a launch template name .*, got 'my template!' \(str\)"),
    Bad("lt-user-data-bytes", lambda s, v: LaunchTemplate(s, "LT", user_data=b"#!/bin/bash"), "TestStack/LT",
        r"'user_data' must be a string, got b'#!/bin/bash' \(bytes\)"),
    Bad("lt-user-data-too-long", lambda s, v: LaunchTemplate(s, "LT", user_data="#" * 16385), "TestStack/LT",
        r"'user_data' must be a string of at most 16384 characters, got '#+.*16385 characters"),
    Bad("lt-machine-image-str", lambda s, v: LaunchTemplate(s, "LT", machine_image="ami-123"), "TestStack/LT",
        r"'machine_image' must be an ec2\.IMachineImage such as MachineImage\.generic_linux\(\{\.\.\.\}\), "
        r"got 'ami-123' \(str\)"),
    Bad("lt-instance-type-size", lambda s, v: LaunchTemplate(s, "LT", instance_type="large"), "TestStack/LT",
        r"'instance_type' must be an EC2 instance type \(<family>\.<size>\): 'large' is not an EC2 instance type"),
    Bad("lt-instance-type-int", lambda s, v: LaunchTemplate(s, "LT", instance_type=5), "TestStack/LT",
        r"'instance_type' must be an EC2 instance type string such as 'm5\.large', got 5 \(int\)"),
    Bad("lt-import-both", lambda s, v: LaunchTemplate.from_launch_template_attributes(
        s, "Imp", launch_template_id="lt-1", launch_template_name="abc"), IMP,
        r"a launch template needs exactly one of launch_template_id or launch_template_name, got both$"),
    Bad("lt-import-neither", lambda s, v: LaunchTemplate.from_launch_template_attributes(s, "Imp"), IMP,
        r"a launch template needs exactly one of launch_template_id or launch_template_name, got neither$"),
    Bad("lt-import-id-name", lambda s, v: LaunchTemplate.from_launch_template_attributes(
        s, "Imp", launch_template_id="template"), IMP,
        r"'launch_template_id' must be a launch template id \(lt-\.\.\.\), got 'template' \(str\)"),
    Bad("lt-import-version-fraction", lambda s, v: LaunchTemplate.from_launch_template_attributes(
        s, "Imp", launch_template_id="lt-1", version_number=1.5), IMP, r"'version_number' " + WHOLE + r"1\.5"),
    Bad("lt-import-version-zero", lambda s, v: LaunchTemplate.from_launch_template_attributes(
        s, "Imp", launch_template_id="lt-1", version_number=0), IMP,
        r"'version_number' must be a whole number from 1 to 2147483647, got 0 \(int\)"),
    Bad("lt-import-version-word", lambda s, v: LaunchTemplate.from_launch_template_attributes(
        s, "Imp", launch_template_id="lt-1", version_number="latest"), IMP,
        r"'version_number' must be a launch template version: a number from 1, '\$Latest' or '\$Default', "
        r"got 'latest' \(str\)"),
    # placement groups
    Bad("pg-strategy-unknown", lambda s, v: PlacementGroup(s, "PG", strategy="clustered"), "TestStack/PG",
        r"'strategy' must be one of PlacementGroupStrategy\.CLUSTER, .*, got 'clustered' \(str\)"),
    Bad("pg-partitions-without-partition", lambda s, v: PlacementGroup(s, "PG", partitions=2), "TestStack/PG",
        r"'partitions' is only valid with PlacementGroupStrategy\.PARTITION, got strategy None and partitions 2$"),
    Bad("pg-partitions-range", lambda s, v: PlacementGroup(s, "PG", strategy=PlacementGroupStrategy.PARTITION,
                                                           partitions=8), "TestStack/PG",
        r"'partitions' must be a whole number from 1 to 7, got 8 \(int\)"),
    Bad("pg-name-int", lambda s, v: PlacementGroup(s, "PG", placement_group_name=5), "TestStack/PG",
        r"'placement_group_name' must be a placement group name \(1-255 ASCII characters\), got 5 \(int\)"),
    Bad("pg-import-int", lambda s, v: PlacementGroup.from_placement_group_name(s, "Imp", 5), IMP,
        r"'placement_group_name' must be a placement group name .*, got 5 \(int\)"),
    # machine images
    Bad("mi-generic-empty", lambda s, v: MachineImage.generic_linux({}), None,
        r"MachineImage\.generic_linux\(\) needs at least one region → AMI entry in 'ami_map', got \{\}$"),
    Bad("mi-generic-str", lambda s, v: MachineImage.generic_linux("ami-123"), None,
        r"'ami_map' must be a dict of strings to strings, got 'ami-123' \(str\)"),
    Bad("mi-generic-bad-ami", lambda s, v: MachineImage.generic_linux({"us-east-1": "image-1"}), None,
        r"'ami_map\['us-east-1'\]' must be an AMI id \(ami-\.\.\.\), got 'image-1' \(str\)"),
    Bad("mi-generic-bad-region", lambda s, v: MachineImage.generic_linux({"virginia": "ami-1"}), None,
        r"'ami_map region' must be a region such as 'us-east-1', got 'virginia' \(str\)"),
    Bad("mi-ssm-int", lambda s, v: MachineImage.from_ssm_parameter(5), None,
        r"'parameter_name' must be a string, got 5 \(int\)"),
    Bad("mi-ssm-empty", lambda s, v: MachineImage.from_ssm_parameter(""), None,
        r"'parameter_name' must be a string of 1 to 2048 characters, got '' \(str\)"),
]

ROWS = EC2_ROWS


@params(ROWS)
def test_ec2_mistakes(row: Bad, stack: Any, vpc: Any) -> None:
    run(row, stack, vpc)


# -- valid inputs that keep working ------------------------------------------------------------------

def only_ce_by_id(stack: Any) -> dict[str, dict[str, Any]]:
    found = Template.from_stack(stack).find_resources("aws_batch_compute_environment")
    return {key.split("_")[0]: value for key, value in found.items()}


def test_valid_ec2_objects_keep_working(stack: Any, vpc: Any) -> None:
    group = PlacementGroup(stack, "PG", strategy="partition", partitions=3.0)
    template = LaunchTemplate(stack, "LT", launch_template_name="my-template", instance_type=InstanceType("c5.large"),
                              machine_image=MachineImage.generic_linux({"us-east-1": "ami-0abc"}))
    imported = LaunchTemplate.from_launch_template_attributes(stack, "Imp", launch_template_id="lt-0abc",
                                                              version_number=4)
    ecs(stack, vpc, placement_group=group, launch_template=template, instance_types=["c5.large", "optimal"],
        security_groups=[SecurityGroup.from_security_group_id(stack, "SG", "sg-0abc"), "sg-0def"])
    ManagedEc2EcsComputeEnvironment(stack, "Other", vpc=vpc, launch_template=imported,
                                    update_timeout=Duration.seconds(120))
    out = Template.from_stack(stack)
    out.has_resource_properties("aws_placement_group", {"strategy": "partition", "partition_count": 3})
    found = only_ce_by_id(stack)
    assert found["CE"]["compute_resources"]["instance_type"] == ["c5.large", "optimal"]
    assert found["CE"]["compute_resources"]["security_group_ids"] == ["sg-0abc", "sg-0def"]
    assert found["Other"]["compute_resources"]["launch_template"] == {"launch_template_id": "lt-0abc", "version": "4"}
    assert found["Other"]["update_policy"]["job_execution_timeout_minutes"] == 2
    assert InstanceType.of("c7g", "2xlarge") == InstanceType("c7g.2xlarge")
