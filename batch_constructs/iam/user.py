"""``User`` and ``Group`` (``aws_cdk.aws_iam``): ``aws_iam_user``/``aws_iam_group`` with an inline
policy for grants, managed-policy attachments and group membership
(``aws_iam_user_group_membership``, which adds to a user's groups without owning them all)."""
from __future__ import annotations

from typing import Any, Sequence

from .._check import check_instance, check_list
from .._naming import generated_name
from ._owner import PolicyHolder, check_managed_policy
from ._validation import check_iam_name, check_iam_path
from .grant import IGroup, IManagedPolicy, IUser
from .role import _ArnPrincipalOf

__all__ = ["Group", "User"]


class User(PolicyHolder, _ArnPrincipalOf, IUser):
    """An IAM user (``aws_iam_user``).

    :param user_name: 1-64 of letters, digits and +=,.@_- (default: ``<path>-<hash>``, deterministic).
    :param groups: groups to join (default: none; later with ``add_to_group``).
    :param managed_policies: managed policies to attach (default: none).
    :param path: default ``/``. :param permissions_boundary: a managed policy (default: none).
    """

    _KIND = "user"
    _POLICY_ID = "DefaultPolicy"

    def __init__(self, scope: Any, id: str, *, groups: Sequence["Group"] | None = None,
                 managed_policies: Sequence[IManagedPolicy] | None = None, path: str | None = None,
                 permissions_boundary: IManagedPolicy | None = None, user_name: str | None = None) -> None:
        super().__init__(scope, id)
        check_iam_name(self, "user_name", user_name, "user")
        check_iam_path(self, "path", path)
        policies = check_list(self, "managed_policies", managed_policies, check_managed_policy,
                              expected="a list of ManagedPolicy")
        joined = check_list(self, "groups", groups, lambda s, k, v: check_instance(s, k, v, IGroup, "a Group",
                                                                                 required=True),
                            expected="a list of Group")
        self.permissions_boundary = check_managed_policy(self, "permissions_boundary", permissions_boundary) \
            if permissions_boundary is not None else None
        self._init_policy()
        extra: dict[str, Any] = {"path": path} if path else {}
        if self.permissions_boundary is not None:
            extra["permissions_boundary"] = self.permissions_boundary.arn_in(self)
        self.resource = self._new_l1("Resource", "iam_user", "IamUser",
                                     name=user_name or generated_name(self, max_length=64), taggable=True, **extra)
        self._groups: list[Any] = []
        self._membership: Any = None
        for policy in policies or ():
            self.add_managed_policy(policy)
        for group in joined or ():
            self.add_to_group(group)

    @property
    def user_name(self) -> str:
        return self.resource.name

    @property
    def user_arn(self) -> str:
        return self.resource.arn

    def add_to_group(self, group: Any) -> None:
        """Make this user a member of ``group`` (ours or the provider's ``IamGroup``)."""
        from ._owner import as_principal
        group = check_instance(self, "group", as_principal(group, scope=self), IGroup, "a Group", required=True)
        if any(g is group for g in self._groups):
            return
        self._groups.append(group)
        if self._membership is None:
            self._membership = self._new_l1("GroupMembership", "iam_user_group_membership", "IamUserGroupMembership",
                                            user=self.resource.name, groups=[],
                                            render=lambda: {"groups": [g.group_name for g in self._groups]})


class Group(PolicyHolder, IGroup):
    """An IAM group (``aws_iam_group``); it cannot be a principal of a policy statement.

    :param group_name: 1-128 of letters, digits and +=,.@_- (default: ``<path>-<hash>``, deterministic).
    :param managed_policies: managed policies to attach (default: none). :param path: default ``/``.
    """

    _KIND = "group"
    _POLICY_ID = "DefaultPolicy"
    _IS_GROUP = True

    def __init__(self, scope: Any, id: str, *, group_name: str | None = None,
                 managed_policies: Sequence[IManagedPolicy] | None = None, path: str | None = None) -> None:
        super().__init__(scope, id)
        check_iam_name(self, "group_name", group_name, "group")
        check_iam_path(self, "path", path)
        policies = check_list(self, "managed_policies", managed_policies, check_managed_policy,
                              expected="a list of ManagedPolicy")
        self._init_policy()
        extra: dict[str, Any] = {"path": path} if path else {}
        self.resource = self._new_l1("Resource", "iam_group", "IamGroup",
                                     name=group_name or generated_name(self, max_length=128), **extra)
        for policy in policies or ():
            self.add_managed_policy(policy)

    @property
    def group_name(self) -> str:
        return self.resource.name

    @property
    def group_arn(self) -> str:
        return self.resource.arn

    def add_user(self, user: Any) -> None:
        """Add ``user`` (ours) to this group."""
        check_instance(self, "user", user, User, "a batch_constructs.iam.User", required=True)
        user.add_to_group(self)


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
