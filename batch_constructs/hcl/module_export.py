"""Export a construct tree as a reusable Terraform module directory, for teams that write HCL.

An author marks what a consumer must give with :class:`ModuleInput` (a ``TerraformVariable``
whose Terraform name is exactly the given name) and what the module hands back with
:class:`ModuleOutput` (a ``TerraformOutput`` likewise), builds the constructs in a stack with an
AWS provider (its configuration is dropped: the consumer's provider is used), and calls
:func:`export_module`::

    stack = TerraformStack(app, "batch")
    AwsProvider(stack, "aws")
    subnets = ModuleInput(stack, "subnet_ids", type="list(string)", description="Private subnets")
    ...
    queue = JobQueue(stack, "JobQueue", ...)
    ModuleOutput(stack, "job_queue_arn", value=queue.job_queue_arn)
    export_module(stack, "modules/batch")

The directory holds ``versions.tf`` (``required_providers`` only: no provider configuration,
no backend), ``variables.tf``, ``main.tf``, ``outputs.tf`` and a generated ``README.md``.
Everything is rendered and checked before anything is written; a failed export leaves the
directory as it was.

Part of the HCL package; ``batch_constructs.module_export`` re-exports its public names.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .._errors import ValidationError
from .._fs import OutputConflict, commit
from .base import HclError, is_identifier
from .files import render_hcl_files
from .schema import ProviderSchema, load_provider_schema, normalize_source

__all__ = ["ModuleInput", "ModuleOutput", "ModuleExportError", "export_module", "module_files",
           "check_module_names"]

# Names Terraform reserves in a module block (they cannot be input variable names).
RESERVED_INPUT_NAMES = ("source", "version", "providers", "count", "for_each", "lifecycle", "depends_on",
                        "locals")
_BATCH_OUTPUTS = ("aws_batch_compute_environment", "aws_batch_job_queue", "aws_batch_job_definition",
                  "aws_batch_scheduling_policy")
_INPUTS_ATTR = "_batch_constructs_module_inputs"
_OUTPUTS_ATTR = "_batch_constructs_module_outputs"


class ModuleExportError(ValidationError):
    """An export that cannot be written (bad or duplicate names, HCL rendering failure)."""


def _name_problem(kind: str, name: Any) -> str | None:
    if not is_identifier(name):
        return (f"Module {kind} name {name!r} is not a valid Terraform identifier (a letter or '_', then "
                "letters, digits, '_' or '-')")
    if kind == "input" and name in RESERVED_INPUT_NAMES:
        return f"Module input name {name!r} is reserved by Terraform's module block"
    return None


def _register(scope: Any, attr: str, kind: str, name: str, owner_path: str) -> None:
    from .._core import cdk
    TerraformStack = cdk(scope).TerraformStack

    problem = _name_problem(kind, name)
    if problem:
        raise ValidationError(scope, problem)
    stack = TerraformStack.of(scope)
    registry: dict[str, str] = getattr(stack, attr, None) or {}
    if name in registry:
        raise ValidationError(scope, f"Two module {kind}s are named {name!r} ({registry[name]} and "
                                     f"{owner_path}); {kind} names must be unique")
    registry[name] = owner_path
    setattr(stack, attr, registry)


def _cdktf(scope: Any = None) -> Any:
    """The core of ``scope`` (cdktf or cdktn: :mod:`batch_constructs._core`)."""
    from .._core import cdk
    from .._runtime import quiet_node_banners
    quiet_node_banners()
    return cdk(scope)


def ModuleInput(scope: Any, name: str, *, type: str | None = None, description: str | None = None,  # noqa: N802
                default: Any = None, nullable: bool | None = None, sensitive: bool | None = None,
                validation: Sequence[Any] | None = None) -> Any:
    """A module input: a ``cdktf.TerraformVariable`` named exactly ``name`` in Terraform.

    :param name: the variable name (a Terraform identifier, unique among the stack's inputs, not
        one of ``source``/``version``/``providers``/``count``/``for_each``/``lifecycle``/
        ``depends_on``/``locals``); raises ``ValidationError`` otherwise, at once.
    :param type: a Terraform type expression (``"string"``, ``"number"``, ``"list(string)"``...);
        default: none (any).
    :param description: shown in ``variables.tf`` and the module README; default: none.
    :param default: default: none (the input is required).
    Returns the variable: use ``.string_value``, ``.number_value``, ``.list_value`` or
    ``.boolean_value`` wherever a construct takes the value.
    """
    path = f"{scope.node.path}/{name}" if getattr(scope, "node", None) is not None else name
    _register(scope, _INPUTS_ATTR, "input", name, path)
    kwargs = {k: v for k, v in (("type", type), ("description", description), ("default", default),
                                ("nullable", nullable), ("sensitive", sensitive), ("validation", validation))
              if v is not None}
    variable = _cdktf(scope).TerraformVariable(scope, name, **kwargs)
    variable.override_logical_id(name)
    return variable


def ModuleOutput(scope: Any, name: str, *, value: Any, description: str | None = None,  # noqa: N802
                 sensitive: bool | None = None) -> Any:
    """A module output: a ``cdktf.TerraformOutput`` named exactly ``name`` (a Terraform
    identifier, unique among the stack's outputs; ``ValidationError`` otherwise)."""
    cdktf = _cdktf(scope)
    path = f"{scope.node.path}/{name}" if getattr(scope, "node", None) is not None else name
    _register(scope, _OUTPUTS_ATTR, "output", name, path)
    kwargs = {k: v for k, v in (("description", description), ("sensitive", sensitive)) if v is not None}
    output = cdktf.TerraformOutput(scope, name, value=value, **kwargs)
    output.override_logical_id(name)
    return output


# ---------------------------------------------------------------------------------------------

def check_module_names(inputs: Iterable[str], outputs: Iterable[str]) -> list[str]:
    """Problems with input/output names (invalid identifiers, reserved names, duplicates)."""
    problems: list[str] = []
    for kind, names in (("input", list(inputs)), ("output", list(outputs))):
        seen: set[str] = set()
        for name in names:
            problem = _name_problem(kind, name)
            if problem:
                problems.append(problem)
            if name in seen:
                problems.append(f"Two module {kind}s are named {name!r}; {kind} names must be unique")
            seen.add(name)
    return problems


def _snake(text: str) -> str:
    text = re.sub(r"[^0-9A-Za-z]+", "_", text)
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", text)
    text = re.sub(r"_+", "_", text).strip("_").lower()
    return text if text and not text[0].isdigit() else f"r_{text}"


def _construct_name(logical_id: str, body: Mapping[str, Any]) -> str:
    path = (((body.get("//") or {}).get("metadata") or {}).get("path") or "")
    parts = path.split("/")[1:] if path else [logical_id]
    if len(parts) > 1 and parts[-1] == "Resource":
        parts = parts[:-1]
    return _snake("_".join(parts)) or _snake(logical_id)


def _automatic_outputs(doc: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """ARN and name outputs for every Batch resource (compute environments, queues, job
    definitions, scheduling policies), named after the construct path."""
    outputs: dict[str, dict[str, Any]] = {}
    resources = doc.get("resource") or {}
    for type_name in _BATCH_OUTPUTS:
        label = type_name.replace("aws_batch_", "").replace("_", " ")
        for logical_id, body in (resources.get(type_name) or {}).items():
            base = _construct_name(logical_id, body)
            name_attr = "name"
            if type_name == "aws_batch_compute_environment" and not ({"name", "name_prefix"} & set(body)):
                name_attr = "compute_environment_name"
            path = ((body.get("//") or {}).get("metadata") or {}).get("path") or logical_id
            for suffix, attr, what in (("arn", "arn", "ARN"), ("name", name_attr, "name")):
                key = f"{base}_{suffix}"
                n = 2
                while key in outputs:
                    key = f"{base}_{n}_{suffix}"
                    n += 1
                outputs[key] = {"value": f"${{{type_name}.{logical_id}.{attr}}}",
                                "description": f"The {what} of the {label} {path}"}
    return outputs


def _constraint(version: str) -> str:
    match = re.match(r"^(\d+)\.(\d+)\.(\d+)$", version or "")
    if not match:
        return version
    return f">= {version}, < {int(match.group(1)) + 1}.0.0"


def module_document(doc: Mapping[str, Any], *, auto_outputs: bool | None = None,
                    exact_provider_version: bool = False) -> dict[str, Any]:
    """The stack document turned into a module's: no backend, no provider configuration,
    ``required_providers`` with full sources and (unless ``exact_provider_version``) a
    same-major-version constraint, automatic Batch outputs when asked (``None``: only when the
    stack declares no outputs)."""
    out = {k: v for k, v in doc.items() if k not in ("//", "provider")}
    terraform = {k: v for k, v in (doc.get("terraform") or {}).items() if k not in ("backend", "cloud")}
    providers = {}
    for local, spec in (terraform.get("required_providers") or {}).items():
        spec = {"version": spec} if isinstance(spec, str) else dict(spec)
        source = normalize_source(spec.get("source") or local).split("/", 1)[1]
        providers[local] = {"source": source, **({"version": spec["version"] if exact_provider_version
                                                   else _constraint(spec["version"])} if spec.get("version") else {})}
    out["terraform"] = {"required_version": ">= 1.3", **{k: v for k, v in terraform.items() if k != "required_providers"},
                        "required_providers": providers}
    if auto_outputs or (auto_outputs is None and not doc.get("output")):
        out["output"] = {**_automatic_outputs(doc), **(doc.get("output") or {})}
    return out


def _synth(stack: Any) -> dict[str, Any]:
    import json

    from .._core import cdk
    Testing = cdk(stack).Testing

    from .._base import finalize_tree, validate_tree
    validate_tree(stack)
    finalize_tree(stack)
    return json.loads(Testing.synth(stack, run_validations=True))


def refuse_image_assets(doc: Mapping[str, Any]) -> None:
    """A module carries ``.tf`` files only: a ``ContainerImage.from_asset`` build (a
    ``terraform_data`` whose ``local-exec`` runs in a copied build context) would lose its context."""
    builds = [name for name, body in ((doc.get("resource") or {}).get("terraform_data") or {}).items()
              if "assets/" in str(body.get("provisioner") or "")]
    if builds:
        raise ModuleExportError(None, "export_module does not carry image build contexts: the stack builds images "
                                      f"from directories (ContainerImage.from_asset: {', '.join(sorted(builds))}). "
                                      "Export the stack itself (cdktf.out/stacks/<stack> holds the context), or "
                                      "push the image and use ContainerImage.from_ecr_repository in the module")


def _readme(name: str, doc: Mapping[str, Any], source: str) -> str:
    def cell(text: Any) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    lines = [f"# Terraform module `{name}`", "",
             "Generated by `batch_constructs.module_export` from a CDK for Terraform construct tree. "
             "Do not edit: change the constructs and export again.", "",
             "## Usage", "", "```hcl", f'module "{name}" {{', f'  source = "{source}"']
    variables = doc.get("variable") or {}
    required = [n for n, v in variables.items() if "default" not in v]
    width = max([len(n) for n in required] + [len("source")])
    lines[-1] = f'  {"source".ljust(width)} = "{source}"'
    for n in required:
        lines.append(f"  {n.ljust(width)} = ...")
    lines += ["}", "```", "", "The module configures no provider: it uses the caller's `aws` provider.", "",
              "## Requirements", "", "| provider | source | version |", "|---|---|---|"]
    for local, spec in ((doc.get("terraform") or {}).get("required_providers") or {}).items():
        lines.append(f"| {local} | `{spec.get('source', '')}` | `{spec.get('version', '')}` |")
    lines += ["", "## Inputs", ""]
    if variables:
        lines += ["| name | type | description | default | required |", "|---|---|---|---|---|"]
        import json
        for n, v in variables.items():
            default = f"`{json.dumps(v['default'])}`" if "default" in v else ""
            lines.append(f"| `{n}` | `{cell(v.get('type', 'any'))}` | {cell(v.get('description', ''))} | "
                         f"{cell(default)} | {'no' if 'default' in v else 'yes'} |")
    else:
        lines.append("None.")
    lines += ["", "## Outputs", ""]
    outputs = doc.get("output") or {}
    if outputs:
        lines += ["| name | description |", "|---|---|"]
        for n, o in outputs.items():
            lines.append(f"| `{n}` | {cell(o.get('description', ''))} |")
    else:
        lines.append("None.")
    return "\n".join(lines) + "\n"


def module_files(stack_or_doc: Any, *, name: str | None = None, source: str | None = None,
                 schema: ProviderSchema | None = None, auto_outputs: bool | None = None,
                 exact_provider_version: bool = False, readme: bool = True,
                 **schema_options: Any) -> dict[str, str]:
    """The module's files (name → text) for a stack (synthesized here, our checks first) or a
    synthesized stack document. Raises :class:`ModuleExportError` for bad names or an
    unrenderable stack."""
    doc = stack_or_doc if isinstance(stack_or_doc, Mapping) else _synth(stack_or_doc)
    if name is None:
        name = ((doc.get("//") or {}).get("metadata") or {}).get("stackName") or \
            (getattr(getattr(stack_or_doc, "node", None), "id", None)) or "batch"
    module_name = _snake(name)
    refuse_image_assets(doc)
    problems = check_module_names((doc.get("variable") or {}).keys(), (doc.get("output") or {}).keys())
    if problems:
        raise ModuleExportError(None, problems=[(None, p) for p in problems])
    try:
        schema = schema or load_provider_schema(doc, **schema_options)
    except HclError as error:
        raise ModuleExportError(None, f"cannot load the provider schema: {error}") from error
    mdoc = module_document(doc, auto_outputs=auto_outputs, exact_provider_version=exact_provider_version)
    problems = check_module_names((), (mdoc.get("output") or {}).keys())
    if problems:
        raise ModuleExportError(None, problems=[(None, p) for p in problems])
    try:
        files = render_hcl_files(mdoc, schema)
    except HclError as error:
        raise ModuleExportError(None, f"cannot render the module as HCL: {error}") from error
    files.pop("providers.tf", None)
    files.setdefault("variables.tf", "")
    files.setdefault("outputs.tf", "")
    if readme:
        files["README.md"] = _readme(module_name, mdoc, source or f"./modules/{module_name}")
    return files


def export_module(stack_or_doc: Any, directory: str | os.PathLike[str], *, name: str | None = None,
                  source: str | None = None, schema: ProviderSchema | None = None,
                  auto_outputs: bool | None = None, exact_provider_version: bool = False,
                  readme: bool = True, replace: bool = False, **schema_options: Any) -> list[Path]:
    """Write ``stack_or_doc`` as a Terraform module into ``directory`` (created if missing).

    Checks and renders everything first; then writes all files or none. Only files an earlier
    export wrote are replaced or removed: the directory's other files (state, ``.terraform/``,
    the team's own ``.tf`` files) are never touched, and a module file that would overwrite a
    file this library did not write raises :class:`ModuleExportError` listing them, unless
    ``replace=True``.

    :param name: the module name in the README's usage example; default: the stack name.
    :param source: the ``source`` shown in the README; default ``./modules/<name>``.
    :param auto_outputs: ARN and name outputs for every Batch resource; default: only when the
        stack declares no outputs (``ModuleOutput``).
    :param exact_provider_version: pin the provider version of the bindings exactly; default: a
        constraint on the same major version (``>= 5.100.0, < 6.0.0``).
    :param replace: default ``False``; ``True`` overwrites same-named files this library did not
        write (other files are still left alone).
    Other keywords go to :func:`~batch_constructs.hcl.load_provider_schema`.
    """
    files = module_files(stack_or_doc, name=name, source=source, schema=schema, auto_outputs=auto_outputs,
                         exact_provider_version=exact_provider_version, readme=readme, **schema_options)
    try:
        return commit(Path(directory), files=files, refuse_foreign=not replace, what="the module")
    except OutputConflict as error:
        raise ModuleExportError(None, error.message) from None
