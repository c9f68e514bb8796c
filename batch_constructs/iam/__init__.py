"""``aws_cdk.aws_iam`` for what Batch apps use: statements, documents, principals, roles, users,
groups, inline and managed policies, grants.

Wherever this library takes a role, user or group it also takes the provider's own
``IamRole`` / ``IamUser`` / ``IamGroup`` L1 objects.

The pure-Python parts (``PolicyStatement``, ``PolicyDocument``, ``Effect``, the principals,
``Grant``, the interfaces) load with the package; the constructs (``Role``, ``User``,
``Group``, ``Policy``, ``ManagedPolicy``) load the jsii runtime on first use, so
``batch_constructs.iam.policy_statement`` and friends work without it.
"""
from __future__ import annotations

import importlib
from typing import Any, Iterable

from ._validation import ACTION, IAM_DESCRIPTION, IAM_NAME, IAM_PATH, POLICY_ARN, ROLE_ARN, SERVICE
from .document import PolicyDocument, policy_json
from .grant import AddToPrincipalPolicyResult, Grant, IGrantable, IGroup, IIdentity, IManagedPolicy, IRole, IUser
from .policy_statement import Effect, PolicyStatement
from .principals import (AccountPrincipal, AccountRootPrincipal, AnyPrincipal, ArnPrincipal, CompositePrincipal,
                         FederatedPrincipal, PrincipalBase, PrincipalPolicyFragment, PrincipalWithConditions,
                         ServicePrincipal, WebIdentityPrincipal)

# name -> submodule, for the names that need the jsii runtime (imported on first use)
_LAZY = {
    "Role": "role", "ImportedRole": "role", "MutableImportedRole": "role", "as_role": "role",
    "User": "user", "Group": "user",
    "Policy": "policy",
    "ManagedPolicy": "managed_policy", "AwsManagedPolicy": "managed_policy", "ImportedManagedPolicy": "managed_policy",
    "as_principal": "_owner",
}

__all__ = [
    "AccountPrincipal", "AccountRootPrincipal", "AddToPrincipalPolicyResult", "AnyPrincipal", "ArnPrincipal",
    "AwsManagedPolicy", "CompositePrincipal", "Effect", "FederatedPrincipal", "Grant", "Group", "IGrantable", "IGroup",
    "IIdentity", "IManagedPolicy", "IRole", "IUser", "ImportedManagedPolicy", "ImportedRole", "ManagedPolicy",
    "MutableImportedRole", "Policy", "PolicyDocument", "PolicyStatement", "PrincipalBase", "PrincipalPolicyFragment",
    "PrincipalWithConditions", "Role", "ServicePrincipal", "User", "WebIdentityPrincipal", "as_principal", "as_role",
]

_KEEP = (ACTION, IAM_DESCRIPTION, IAM_NAME, IAM_PATH, POLICY_ARN, ROLE_ARN, SERVICE)  # old module-level names


def policy_document(statements: Iterable[PolicyStatement]) -> str:
    """The canonical JSON string of a policy of ``statements`` (merged; kept for old imports)."""
    return policy_json(PolicyDocument(statements=list(statements)).to_json())


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'batch_constructs.iam' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
