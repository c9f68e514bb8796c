"""``Policy`` (``aws_cdk.aws_iam``): one named inline policy attached to roles, users and groups.

Terraform has no inline policy shared by several principals, so the construct creates one
``aws_iam_role_policy`` / ``aws_iam_user_policy`` / ``aws_iam_group_policy`` per principal
it is attached to (children ``Role0``, ``User0``, ``Group0``, ...), all with the same name and
document. Like AWS CDK (``force=False``), a policy attached to nobody creates nothing.
"""
from __future__ import annotations

from typing import Any, Sequence

from .._base import BatchConstruct
from .._check import check_bool, check_instance, check_list
from .._errors import ValidationError
from .._naming import generated_name
from ._owner import KINDS, as_principal, render_policy, stack_values
from ._validation import check_iam_name
from .grant import IGroup, IUser
from .document import PolicyDocument
from .policy_statement import PolicyStatement
from .._identity import node_id

__all__ = ["Policy"]


def _target_key(target: Any) -> Any:
    node = getattr(target, "node", None) or getattr(getattr(target, "resource", None), "node", None)
    if node is not None:
        return node.path
    return ("arn", getattr(target, "role_arn", None) or id(target))


class Policy(BatchConstruct):
    """A named inline policy for ``roles``, ``users`` and ``groups``.

    :param statements: statements to add (default: none; later with ``add_statements``).
    :param document: a ``PolicyDocument`` to start from (default: an empty one).
    :param policy_name: 1-128 of ``[\\w+=,.@-]`` (default: ``<path>-<hash>``, deterministic).
    :param roles: default: none; :param users: default: none; :param groups: default: none.
    :param force: refuse (at synth) a policy that is empty or attached to nobody, instead of
        creating nothing (default ``False``).
    """

    def __init__(self, scope: Any, id: str, *, document: PolicyDocument | None = None, force: bool | None = None,
                 groups: Sequence[Any] | None = None, policy_name: str | None = None,
                 roles: Sequence[Any] | None = None, statements: Sequence[PolicyStatement] | None = None,
                 users: Sequence[Any] | None = None) -> None:
        super().__init__(scope, id)
        check_iam_name(self, "policy_name", policy_name, "policy")
        self.policy_name = policy_name or generated_name(self, max_length=128)
        self.force = bool(check_bool(self, "force", force))
        self.document = check_instance(self, "document", document, PolicyDocument, "a PolicyDocument") or \
            PolicyDocument()
        self.add_statements(*(check_list(self, "statements", statements, lambda s, k, v: check_instance(
            s, k, v, PolicyStatement, "a PolicyStatement", required=True), expected="a list of PolicyStatement") or ()))
        self.roles: list[Any] = []
        self.users: list[Any] = []
        self.groups: list[Any] = []
        self._keys: set[Any] = set()
        self.resources: list[Any] = []
        for role in check_list(self, "roles", roles, expected="a list of roles") or ():
            self.attach_to_role(role)
        for user in check_list(self, "users", users, expected="a list of users") or ():
            self.attach_to_user(user)
        for group in check_list(self, "groups", groups, expected="a list of groups") or ():
            self.attach_to_group(group)

    def add_statements(self, *statements: PolicyStatement) -> None:
        for index, statement in enumerate(statements):
            check_instance(self, f"statements[{index}]", statement, PolicyStatement, "a PolicyStatement",
                           required=True)
        self.document.add_statements(*statements)
        stack_values(self, self.document)

    @property
    def is_attached(self) -> bool:
        return bool(self.roles or self.users or self.groups)

    def _attach(self, kind: str, target: Any, name: str, bucket: list[Any]) -> None:
        key = (kind, _target_key(target))
        if key in self._keys:
            return
        self._keys.add(key)
        bucket.append(target)
        module, cls, _, _, keyword = KINDS[kind]
        self.resources.append(self._new_l1(
            f"{kind.capitalize()}{len(bucket) - 1}", module, cls, policy="{}", name=self.policy_name,
            render=lambda: {"policy": render_policy(self, self.document)}, **{keyword: name}))

    def attach_to_role(self, role: Any) -> None:
        """Attach to ``role`` (ours, an import, a role ARN or the provider's ``IamRole``)."""
        from .role import as_role, role_name_of
        checked = as_role(role, what="role", scope=self)
        if checked is None:
            raise ValidationError(self, "'role' is required: pass a role")
        self._attach("role", checked, role_name_of(checked), self.roles)

    def attach_to_user(self, user: Any) -> None:
        """Attach to ``user`` (ours or the provider's ``IamUser``)."""
        checked = check_instance(self, "user", as_principal(user, scope=self), IUser, "a user", required=True)
        self._attach("user", checked, checked.user_name, self.users)

    def attach_to_group(self, group: Any) -> None:
        """Attach to ``group`` (ours or the provider's ``IamGroup``)."""
        checked = check_instance(self, "group", as_principal(group, scope=self), IGroup, "a group", required=True)
        self._attach("group", checked, checked.group_name, self.groups)

    def _validate(self) -> list[str]:
        errors = list(super()._validate())
        if self.document.is_empty:
            if self.force:  # AWS CDK's message
                errors.append("Policy created with force=true is empty. You must add statements to the policy")
            elif self.is_attached:  # IAM refuses an empty policy document
                errors.append(f"Policy '{node_id(self)}' is attached but has no statements: add statements (IAM "
                              "refuses an empty policy document)")
        if not self.is_attached and self.force:  # AWS CDK's message
            errors.append("Policy created with force=true must be attached to at least one principal: user, group "
                          "or role")
        return errors + self.document.validate_for_identity_policy()


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
