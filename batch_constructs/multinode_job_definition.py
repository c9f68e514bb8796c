"""``MultiNodeJobDefinition``: a multi-node parallel (MPI-style) job definition.

Emits one ``aws_batch_job_definition`` of type ``multinode`` with ``platform_capabilities =
["EC2"]`` and ``node_properties``, the AWS Batch ``NodeProperties`` object as canonical JSON:
``{"mainNode", "numNodes", "nodeRangeProperties": [{"targetNodes": "s:e", "container": {...}}]}``,
each container rendered exactly like an ECS EC2 container (plus ``instanceType`` when set).
"""
from __future__ import annotations

from typing import Any, Sequence

from ._check import check_bool, check_instance, check_int, check_list
from ._json import canonical_json
from ._tokens import is_unresolved
from .ec2 import InstanceType
from .ecs_container_definition import EcsContainerDefinitionBase
from .core import Duration
from .job_definition_base import JobDefinitionBase, RetryStrategy
from ._identity import node_id

__all__ = ["MultiNodeContainer", "MultiNodeJobDefinition"]


class MultiNodeContainer:
    """The container that runs on nodes ``start_node`` to ``end_node`` (inclusive).

    :param container: an ``EcsEc2ContainerDefinition`` (Fargate cannot run multi-node jobs).
    :param start_node: first node index (0-based).
    :param end_node: last node index (inclusive).
    """

    def __init__(self, *, container: EcsContainerDefinitionBase, start_node: int, end_node: int) -> None:
        # Node indexes are int32 in the API; negative or inverted ranges are reported at synth.
        self.start_node = check_int(None, "start_node", start_node, minimum=-2 ** 31, required=True)
        self.end_node = check_int(None, "end_node", end_node, minimum=-2 ** 31, required=True)
        self.container = check_instance(None, "container", container, EcsContainerDefinitionBase,
                                        "an EcsEc2ContainerDefinition", required=True)

    @property
    def target_nodes(self) -> str:
        return f"{self.start_node}:{self.end_node}"

    def __repr__(self) -> str:
        return f"MultiNodeContainer({self.target_nodes})"


def _check_range(scope: Any, keyword: str, value: Any) -> MultiNodeContainer:
    return check_instance(scope, keyword, value, MultiNodeContainer,
                          "a MultiNodeContainer(container=..., start_node=..., end_node=...)", required=True)


def _new_range(scope: Any, container: Any, start_node: Any, end_node: Any) -> MultiNodeContainer:
    """``MultiNodeContainer(...)`` for ``add_container(container=..., ...)``, its errors naming ``scope``."""
    from ._errors import ValidationError
    if container is not None and not isinstance(container, EcsContainerDefinitionBase):
        raise ValidationError(scope, f"MultiNodeJobDefinition '{scope.node.id}': the container of node range "
                                     f"{start_node}:{end_node} must be an EcsEc2ContainerDefinition, got "
                                     f"{type(container).__name__}")
    try:
        return MultiNodeContainer(container=container, start_node=start_node, end_node=end_node)
    except ValidationError as error:
        raise ValidationError(scope, error.message) from None


class MultiNodeJobDefinition(JobDefinitionBase):
    """An ``aws_batch_job_definition`` of type ``multinode``.

    :param containers: ``MultiNodeContainer`` list (default none; at least one by synth time,
        more with :meth:`add_container`). The ranges must not overlap and must cover every node
        from 0 to the highest ``end_node``; the node count is the number of nodes they cover.
    :param instance_type: ``ec2.InstanceType`` (or its string) for every node (default: not
        emitted; Batch chooses; ``OptimalInstanceType()`` means the same and is not emitted).
    :param main_node: index of the main node, inside one of the ranges (default ``0``, always
        emitted).
    :param propagate_tags: default: not emitted (Batch's ``False``).
    Other keywords: :class:`~batch_constructs.job_definition_base.JobDefinitionBase`.
    """

    #: AWS CDK's id of this class for property injection (``core.PropertyInjectors``).
    PROPERTY_INJECTION_ID = "aws-cdk-lib.aws-batch.MultiNodeJobDefinition"

    def __init__(self, scope: Any, id: str, *, containers: Sequence[MultiNodeContainer] | None = None,
                 instance_type: InstanceType | str | None = None, main_node: int | None = None,
                 propagate_tags: bool | None = None,
                 job_definition_name: str | None = None, parameters: dict[str, Any] | None = None,
                 retry_attempts: int | None = None, retry_strategies: Sequence[RetryStrategy] | None = None,
                 scheduling_priority: int | None = None, timeout: Duration | None = None,
                 skip_deregister_on_update: bool | None = None) -> None:
        super().__init__(scope, id, job_definition_name=job_definition_name, parameters=parameters,
                         retry_attempts=retry_attempts, retry_strategies=retry_strategies,
                         scheduling_priority=scheduling_priority, timeout=timeout,
                         skip_deregister_on_update=skip_deregister_on_update)
        check_instance(self, "instance_type", instance_type, (InstanceType, str),
                       "an ec2.InstanceType or an instance type name ('m5.large')")
        if isinstance(instance_type, str):
            try:
                instance_type = InstanceType(instance_type)
            except ValueError as error:
                raise self._error(str(error)) from None
        self._instance_type = instance_type
        main_node = check_int(self, "main_node", main_node, minimum=0)
        self.main_node = 0 if main_node is None else main_node
        self.propagate_tags = check_bool(self, "propagate_tags", propagate_tags)
        self._containers: list[MultiNodeContainer] = check_list(
            self, "containers", containers, _check_range, expected="a list of MultiNodeContainer") or []
        self._create_resource("multinode")

    # -- containers ------------------------------------------------------------------------
    def add_container(self, container: MultiNodeContainer | EcsContainerDefinitionBase | None = None, *,
                      start_node: int | None = None, end_node: int | None = None) -> None:
        """Add a node range: ``add_container(container=..., start_node=..., end_node=...)`` (AWS CDK's
        ``MultiNodeContainer`` fields as keywords) or ``add_container(MultiNodeContainer(...))``."""
        if not isinstance(container, MultiNodeContainer):
            container = _new_range(self, container, start_node, end_node)
        self._containers.append(_check_range(self, "container", container))

    @property
    def containers(self) -> list[MultiNodeContainer]:
        return list(self._containers)

    @property
    def instance_type(self) -> Any:
        """The instance type given, else ``OptimalInstanceType()`` (Batch chooses) when the
        library provides it, else ``None``."""
        if self._instance_type is not None:
            return self._instance_type
        import batch_constructs
        optimal = getattr(batch_constructs, "OptimalInstanceType", None)
        return optimal() if optimal is not None else None

    # -- validation ------------------------------------------------------------------------
    def _validate(self) -> list[str]:
        out = list(super()._validate())
        name = f"MultiNodeJobDefinition '{node_id(self)}'"
        if not self._containers:
            out.append("multinode job has no containers!")
            return out
        ranges = []
        for c in self._containers:
            if getattr(c.container, "platform_capability", "EC2") != "EC2":
                out.append(f"{name}: node range {c.target_nodes} uses {type(c.container).__name__} "
                           f"'{c.container.node.id}'; multi-node jobs run only on EC2 (use EcsEc2ContainerDefinition)")
            if c.start_node < 0 or c.end_node < c.start_node:
                out.append(f"{name}: node range {c.target_nodes} is invalid; it needs 0 <= start_node <= end_node")
            else:
                ranges.append(c)
        ordered = sorted(ranges, key=lambda c: (c.start_node, c.end_node))
        for a, b in zip(ordered, ordered[1:]):
            if b.start_node <= a.end_node:
                out.append(f"{name}: node ranges {a.target_nodes} and {b.target_nodes} overlap")
        if ranges:
            covered: set[int] = set()
            for c in ranges:
                covered.update(range(c.start_node, c.end_node + 1))
            highest = max(c.end_node for c in ranges)
            missing = [n for n in range(highest + 1) if n not in covered]
            if missing:
                out.append(f"{name}: node ranges leave nodes {_spans(missing)} uncovered; together they must "
                           f"cover every node from 0 to {highest}")
            if not is_unresolved(self.main_node) and self.main_node not in covered:
                out.append(f"{name}: main_node {self.main_node} is not in any node range "
                           f"({', '.join(c.target_nodes for c in self._containers)})")
        return out

    @property
    def num_nodes(self) -> int:
        """The number of nodes the ranges cover."""
        covered: set[int] = set()
        for c in self._containers:
            covered.update(range(c.start_node, c.end_node + 1))
        return len(covered)

    # -- rendering -------------------------------------------------------------------------
    def _render_node_properties(self) -> dict[str, Any]:
        ranges = []
        for c in self._containers:
            container = dict(c.container._render_container())
            if self._instance_type is not None and str(self._instance_type) != "optimal":
                container["instanceType"] = str(self._instance_type)
            ranges.append({"targetNodes": c.target_nodes, "container": container})
        return {"mainNode": self.main_node, "numNodes": self.num_nodes, "nodeRangeProperties": ranges}

    def _render_resource(self) -> dict[str, Any]:
        attrs = self._render_common()
        attrs["type"] = "multinode"
        attrs["platform_capabilities"] = ["EC2"]
        attrs["node_properties"] = canonical_json(self._render_node_properties())
        if self.propagate_tags is not None:
            attrs["propagate_tags"] = self.propagate_tags
        return attrs


def _spans(nodes: list[int]) -> str:
    """``[1, 2, 3, 7]`` → ``1:3, 7``."""
    spans: list[str] = []
    start = prev = nodes[0]
    for n in nodes[1:] + [None]:  # type: ignore[list-item]
        if n is not None and n == prev + 1:
            prev = n
            continue
        spans.append(f"{start}:{prev}" if prev != start else str(start))
        if n is not None:
            start = prev = n
    return ", ".join(spans)


from ._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
