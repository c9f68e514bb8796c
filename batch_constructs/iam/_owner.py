"""What roles, users and groups share (jsii side): one inline policy for grants, managed-policy
attachments, and the same for the provider's ``IamRole``/``IamUser``/``IamGroup`` L1s.

Statements for one principal go into **one** inline policy resource, created on the first
grant and rendered at synth (merged, see ``document``). For a provider L1 that policy
belongs to a :class:`_L1Grants` construct created once under the L1 (child
``BatchConstructsGrants``) and found again by every later grant, from wherever it comes.
"""
from __future__ import annotations

from typing import Any

from .._base import BatchConstruct
from .._check import check_instance, describe
from .._errors import ValidationError
from .._tokens import is_unresolved
from ..core import construct_key
from .grant import AddToPrincipalPolicyResult, Grant, IGrantable, IGroup, IManagedPolicy, IRole, IUser
from .document import PolicyDocument, policy_json
from .policy_statement import Key, PolicyStatement

__all__ = ["PolicyHolder", "ScopeStackValues", "as_principal", "render_policy"]

#: kind -> (policy module, policy class, attachment module, attachment class, target keyword)
KINDS = {
    "role": ("iam_role_policy", "IamRolePolicy", "iam_role_policy_attachment", "IamRolePolicyAttachment", "role"),
    "user": ("iam_user_policy", "IamUserPolicy", "iam_user_policy_attachment", "IamUserPolicyAttachment", "user"),
    "group": ("iam_group_policy", "IamGroupPolicy", "iam_group_policy_attachment", "IamGroupPolicyAttachment",
              "group"),
}


class ScopeStackValues:
    """The partition and account of ``scope``'s stack (its shared data sources), on demand."""

    def __init__(self, scope: Any) -> None:
        self._scope = scope

    @property
    def partition(self) -> str:
        from .._stack_data import partition
        return partition(self._scope)

    @property
    def account(self) -> str:
        from .._stack_data import account
        return account(self._scope)


def stack_values(scope: Any, document: PolicyDocument) -> ScopeStackValues | None:
    """The stack values when ``document`` needs them; rendering once now creates exactly the
    data sources its principals use, before synth."""
    if not document.needs_stack:
        return None
    values = ScopeStackValues(scope)
    try:
        document.to_json(values)
    except ValidationError:
        pass  # reported with the construct's path when rendered
    return values


def token_key(scope: Any) -> Key:
    """What a string stands for in ``scope``'s stack: a string holding cdktf tokens maps to its
    Terraform expression (two reads of one attribute are two tokens but one value), any other
    string to itself. Used only to compare; the output keeps the tokens."""
    from .._core import cdk, stack_cache, stack_of

    stack = stack_of(scope)
    shared = stack_cache(stack)
    if "token_key" not in shared:  # one resolver and one memo per stack: a token's value is fixed
        core = cdk(scope)
        shared["token_key"] = (core.DefaultTokenResolver(core.StringConcat()), {})
    resolver, cache = shared["token_key"]
    Tokenization = cdk(scope).Tokenization

    def key(text: str) -> str:
        if not is_unresolved(text):
            return text
        if text not in cache:
            resolved = Tokenization.resolve(text, scope=stack, resolver=resolver, preparing=True)
            cache[text] = resolved if isinstance(resolved, str) else text
        return cache[text]
    return key


def render_policy(scope: Any, document: PolicyDocument) -> str:
    """``document`` as the canonical JSON string, in ``scope``'s stack."""
    try:
        return policy_json(document.to_json(stack_values(scope, document), key=token_key(scope)))
    except ValidationError as error:
        if error.path is not None:
            raise
        raise ValidationError(scope, error.message) from None


def check_statement(scope: Any, statement: Any) -> PolicyStatement:
    return check_instance(scope, "statement", statement, PolicyStatement, "a PolicyStatement", required=True)


def check_managed_policy(scope: Any, keyword: str, policy: Any) -> IManagedPolicy:
    return check_instance(scope, keyword, policy, IManagedPolicy, "a ManagedPolicy", required=True)


def managed_policy_key(policy: Any) -> Any:
    key = getattr(policy, "_key", None)
    return key() if callable(key) else id(policy)


class PolicyHolder(BatchConstruct):
    """A construct holding one principal's grants policy and managed-policy attachments.

    Subclasses set ``_KIND`` (role, user, group) (``_principal_name()`` is their resource's name);
    ``_POLICY_ID`` is the id of the inline policy resource (``DefaultPolicy``).
    """

    _KIND = "role"
    _POLICY_ID = "DefaultPolicy"

    def _init_policy(self) -> None:
        self._default_document = PolicyDocument()
        self._statements: list[PolicyStatement] = []
        self._policy: Any = None
        self.policy_attachments: list[Any] = []
        self._attached: dict[Any, Any] = {}

    def _principal_name(self) -> str:
        """The name of the provider resource this principal owns (``aws_iam_role.name``, ...)."""
        return self.resource.name

    def add_to_principal_policy(self, statement: PolicyStatement) -> AddToPrincipalPolicyResult:
        """Add ``statement`` to this principal's inline policy (``DefaultPolicy``, created on first use)."""
        check_statement(self, statement)
        self._statements.append(statement)
        self._default_document.add_statements(statement)
        stack_values(self, self._default_document)
        if self._policy is None:
            module, cls, _, _, target = KINDS[self._KIND]
            self._policy = self._new_l1(
                self._POLICY_ID, module, cls, policy="{}",
                render=lambda: {"policy": render_policy(self, self._default_document)},
                **{target: self._principal_name()})
        return AddToPrincipalPolicyResult(statement_added=True, policy_dependable=self._policy)

    def add_to_policy(self, statement: PolicyStatement) -> bool:
        return self.add_to_principal_policy(statement).statement_added

    @property
    def policy_statements(self) -> list[PolicyStatement]:
        """The statements added so far (before merging)."""
        return list(self._statements)

    def add_managed_policy(self, policy: IManagedPolicy) -> Any:
        """Attach ``policy`` (``aws_iam_<kind>_policy_attachment``, never the exclusive
        ``aws_iam_policy_attachment``); the same policy again is a no-op. Returns the attachment."""
        check_managed_policy(self, "policy", policy)
        key = managed_policy_key(policy)
        if key in self._attached:
            return self._attached[key]
        _, _, module, cls, target = KINDS[self._KIND]
        attachment = self._new_l1(f"PolicyAttachment{len(self.policy_attachments)}", module, cls,
                                  policy_arn=policy.arn_in(self),
                                  **{target: self._principal_name()})
        self.policy_attachments.append(attachment)
        self._attached[key] = attachment
        return attachment

    def attach_inline_policy(self, policy: Any) -> None:
        """Attach a :class:`~batch_constructs.iam.Policy` (an ``aws_iam_<kind>_policy`` of its own)."""
        from .policy import Policy
        check_instance(self, "policy", policy, Policy, "a Policy", required=True)
        getattr(policy, f"attach_to_{self._KIND}")(self)

    def _validate(self) -> list[str]:
        return [*super()._validate(), *self._default_document.validate_for_identity_policy()]


class RoleGrants:
    """Grants on a role as a resource (``role_arn``): ``grant``, ``grant_pass_role``, ``grant_assume_role``."""

    role_arn: str

    def grant(self, grantee: Any, *actions: str) -> Grant:
        """Allow ``grantee`` ``actions`` on this role."""
        return Grant.add_to_principal(grantee=grantee, actions=list(actions), resource_arns=[self.role_arn],
                                      scope=self if isinstance(self, BatchConstruct) else None)

    def grant_pass_role(self, grantee: Any) -> Grant:
        """Allow ``grantee`` to pass this role to a service (``iam:PassRole``)."""
        return self.grant(grantee, "iam:PassRole")

    def grant_assume_role(self, grantee: Any) -> Grant:
        """Allow ``grantee`` (a role, user or group) to assume this role (``sts:AssumeRole``)."""
        return self.grant(grantee, "sts:AssumeRole")


class _L1Grants(PolicyHolder):
    """Under a provider ``IamRole``/``IamUser``/``IamGroup``: its one grants policy and its
    managed-policy attachments (child ``BatchConstructsGrants``, made once)."""

    _POLICY_ID = "Policy"

    def __init__(self, l1: Any, id: str, *, kind: str) -> None:
        super().__init__(l1, id)
        self._KIND = kind
        self._l1 = l1
        self._init_policy()

    def _principal_name(self) -> str:
        return self._l1.name


_HOLDERS: dict[tuple[Any, str], _L1Grants] = {}
_HOLDER_ID = "BatchConstructsGrants"


def l1_holder(l1: Any, kind: str) -> _L1Grants:
    """The one :class:`_L1Grants` of provider L1 ``l1`` (created on first use)."""
    key = (construct_key(l1.node.root), l1.node.path)
    holder = _HOLDERS.get(key)
    if holder is None or l1.node.try_find_child(_HOLDER_ID) is None:
        holder = _HOLDERS[key] = _L1Grants(l1, _HOLDER_ID, kind=kind)
    return holder


class _L1Identity:
    """What the L1 adapters share: grants and attachments go to the L1's holder."""

    _KIND = "role"

    def __init__(self, l1: Any) -> None:
        self.resource = l1

    @property
    def _holder(self) -> _L1Grants:
        return l1_holder(self.resource, self._KIND)

    def add_to_principal_policy(self, statement: PolicyStatement) -> AddToPrincipalPolicyResult:
        check_statement(None, statement)
        return self._holder.add_to_principal_policy(statement)

    def add_to_policy(self, statement: PolicyStatement) -> bool:
        return self.add_to_principal_policy(statement).statement_added

    def add_managed_policy(self, policy: IManagedPolicy) -> Any:
        return self._holder.add_managed_policy(policy)

    def attach_inline_policy(self, policy: Any) -> None:
        from .policy import Policy
        check_instance(None, "policy", policy, Policy, "a Policy", required=True)
        getattr(policy, f"attach_to_{self._KIND}")(self)

    @property
    def policy_attachments(self) -> list[Any]:
        holder = _HOLDERS.get((construct_key(self.resource.node.root), self.resource.node.path))
        return list(holder.policy_attachments) if holder is not None else []


class L1Role(_L1Identity, RoleGrants, IRole):
    """The provider's ``IamRole`` where a role is taken."""

    _KIND = "role"

    def __init__(self, l1: Any) -> None:
        super().__init__(l1)
        self.role_arn = l1.arn
        self.role_name = l1.name


class L1User(_L1Identity, IUser):
    _KIND = "user"

    def __init__(self, l1: Any) -> None:
        super().__init__(l1)
        self.user_arn, self.user_name = l1.arn, l1.name


class L1Group(_L1Identity, IGroup):
    _KIND = "group"

    def __init__(self, l1: Any) -> None:
        super().__init__(l1)
        self.group_arn, self.group_name = l1.arn, l1.name


def as_principal(value: Any, *, scope: Any = None) -> IGrantable:
    """Accept our ``Role``/``User``/``Group`` (or an import) or the provider's
    ``IamRole``/``IamUser``/``IamGroup``."""
    if isinstance(value, IGrantable):
        return value
    kind = getattr(value, "terraform_resource_type", None)
    if kind == "aws_iam_role":
        return L1Role(value)
    if kind == "aws_iam_user":
        return L1User(value)
    if kind == "aws_iam_group":
        return L1Group(value)
    raise ValidationError(scope, "the grantee must be an IAM role, user or group (ours or the "
                                 f"provider's L1), got {describe(value)}")
