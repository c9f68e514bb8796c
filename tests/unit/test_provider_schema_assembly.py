"""``python -m batch_constructs.bindings schema --assembly``: the compact schema derived from a bindings jsii
assembly (a small hand-made fragment of one; the real cdktn-provider-aws 25.8.1 assembly is
``tests/synth/test_provider_schema_assembly.py``'s)."""
from __future__ import annotations

from typing import Any

import pytest

from batch_constructs.bindings import _schema_gen as generator

NS = "@cdktf/provider-aws.thing"
LINK = "https://registry.terraform.io/providers/hashicorp/aws/6.25.0/docs"


def prop(name: str, terraform: str | None, type_: dict[str, Any], optional: bool = True,
         where: str = "resources/thing", **extra: Any) -> dict[str, Any]:
    """A config property documented the way the bindings document it (a link to its Terraform name)."""
    docs = {"summary": f"Docs at Terraform Registry: {{@link {LINK}/{where}#{terraform} Thing#{terraform}}}."}
    return {"name": name, "type": type_, "docs": docs if terraform else {"summary": "no link"},
            **({"optional": True} if optional else {}), **extra}


def getter(name: str, type_: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": type_, "docs": {"stability": "stable"}, **extra}


STRING = {"primitive": "string"}
NUMBER = {"primitive": "number"}
BOOL_OR_TOKEN = {"union": {"types": [{"primitive": "boolean"}, {"fqn": "cdktf.IResolvable"}]}}
RULE_LIST = {"union": {"types": [{"fqn": "cdktf.IResolvable"},
                                 {"collection": {"kind": "array", "elementtype": {"fqn": f"{NS}.ThingRule"}}}]}}


def struct(name: str, *props: dict[str, Any]) -> dict[str, Any]:
    return {"fqn": f"{NS}.{name}", "kind": "interface", "datatype": True, "name": name, "properties": list(props)}


def cls(name: str, base: str, link: str, config: str, *props: dict[str, Any]) -> dict[str, Any]:
    return {"fqn": f"{NS}.{name}", "kind": "class", "name": name, "base": base,
            "docs": {"summary": f"Represents a {{@link {LINK}/{link}}}."},
            "locationInModule": {"filename": "src/thing/index.ts", "line": 1},
            "initializer": {"parameters": [{"name": "scope", "type": {"fqn": "constructs.Construct"}},
                                           {"name": "config", "type": {"fqn": f"{NS}.{config}"}}]},
            "properties": list(props)}


TYPES = {t["fqn"]: t for t in (
    cls("Thing", "cdktf.TerraformResource", "resources/thing aws_thing", "ThingConfig",
        getter("tfResourceType", STRING, static=True), getter("arn", STRING), getter("ownerId", STRING),
        getter("rules", {"fqn": f"{NS}.ThingRuleList"}), getter("rulesInput", RULE_LIST, optional=True),
        getter("name", STRING), getter("nameInput", STRING, optional=True), getter("noJsName", STRING)),
    struct("ThingConfig",
           prop("name", "name", STRING, optional=False),
           # the Terraform name comes from the docs link, not from the jsii name
           prop("ec2KeyPair", "ec2_key_pair", STRING), prop("vpcSettings", "vpc_config", STRING),
           prop("enabled", "enabled", BOOL_OR_TOKEN),
           prop("labels", "labels", {"collection": {"kind": "map", "elementtype": STRING}}),
           prop("ports", "ports", {"collection": {"kind": "array", "elementtype": NUMBER}}),
           prop("anything", "anything", {"primitive": "any"}),
           prop("settings", "settings", {"fqn": f"{NS}.ThingSettings"}, optional=False),
           prop("rules", "rule", RULE_LIST)),
    struct("ThingSettings", prop("mode", "mode", STRING, optional=False)),
    {"fqn": f"{NS}.ThingSettingsOutputReference", "kind": "class", "name": "ThingSettingsOutputReference",
     "base": "cdktf.ComplexObject", "properties": [getter("internalValue", {"fqn": f"{NS}.ThingSettings"}),
                                                   getter("mode", STRING), getter("modeInput", STRING),
                                                   getter("resolvedMode", STRING)]},
    struct("ThingRule", prop("port", "port", NUMBER, optional=False),
           prop("targets", "targets", {"collection": {"kind": "array", "elementtype": {"fqn": f"{NS}.ThingSettings"}}},
                optional=True)),
    cls("DataAwsThing", "cdktf.TerraformDataSource", "data-sources/thing aws_thing", "DataAwsThingConfig",
        getter("arn", STRING)),
    struct("DataAwsThingConfig", prop("name", "name", STRING, where="data-sources/thing")),
)}

JS = '''"use strict";
class ThingSettingsOutputReference extends cdktf.ComplexObject {
    // mode - computed: false, optional: false, required: true
    get mode() {
        return this.getStringAttribute('mode');
    }
    // resolved_mode - computed: true, optional: false, required: false
    get resolvedMode() {
        return this.getStringAttribute('resolved_mode');
    }
}
class Thing extends cdktf.TerraformResource {
    constructor(scope, id, config) {
        // rule - computed: false, optional: true, required: false
        this._rules = new ThingRuleList(this, "rule", false);
    }
    // arn - computed: true, optional: false, required: false
    get arn() {
        return this.getStringAttribute('arn');
    }
    // owner_id - computed: true, optional: false, required: false
    get ownerId() {
        return this.getStringAttribute('owner_id');
    }
}
class DataAwsThing extends cdktf.TerraformDataSource {
    // arn - computed: true, optional: false, required: false
    get arn() {
        return this.getStringAttribute('arn');
    }
}
'''


def test_js_terraform_names_per_class() -> None:
    names = generator.js_terraform_names(JS)
    assert names["Thing"] == {"rules": "rule", "arn": "arn", "ownerId": "owner_id"}
    assert names["ThingSettingsOutputReference"] == {"mode": "mode", "resolvedMode": "resolved_mode"}


@pytest.fixture
def derived(monkeypatch: pytest.MonkeyPatch) -> tuple[str, dict[str, Any], dict[str, Any]]:
    monkeypatch.setattr(generator, "SCHEMA_RESOURCES", ("aws_thing",))
    monkeypatch.setattr(generator, "DATA_SOURCES", ("aws_thing",))
    return generator.assembly_schemas(TYPES, {"package/lib/thing/index.js": JS})


def test_resource_from_its_config_struct_and_getters(derived: Any) -> None:
    version, resources, data = derived
    assert version == "6.25.0"
    assert resources["aws_thing"] == {
        "a": {"anything": ["dynamic", "o"], "arn": ["string", "c"], "ec2_key_pair": ["string", "o"],
              "enabled": ["bool", "o"], "labels": [["map", "string"], "o"], "name": ["string", "r"],
              "owner_id": ["string", "c"], "ports": [["list", "number"], "o"], "vpc_config": ["string", "o"]},
        "b": {"rule": ["list", 0, 0, {"a": {"port": ["number", "r"]},
                                      "b": {"targets": ["list", 0, 0, {"a": {"mode": ["string", "r"],
                                                                             "resolved_mode": ["string", "c"]}}]}}],
              "settings": ["list", 1, 1, {"a": {"mode": ["string", "r"], "resolved_mode": ["string", "c"]}}]}}
    assert data["aws_thing"] == {"a": {"arn": ["string", "c"], "name": ["string", "o"]}}


def test_module_text_has_the_compact_format(derived: Any) -> None:
    version, resources, data = derived
    text = generator.module_text("# header", version, resources, data)
    namespace: dict[str, Any] = {}
    exec(compile(text, "generated", "exec"), namespace)
    assert namespace["PROVIDER_VERSION"] == "6.25.0" and namespace["RESOURCES"] == resources
    assert namespace["DATA_SOURCES"] == data and namespace["BUILTIN"] == ("terraform_data",)


def test_a_property_without_a_docs_link_fails_the_generator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator, "SCHEMA_RESOURCES", ("aws_thing",))
    monkeypatch.setattr(generator, "DATA_SOURCES", ())
    broken = dict(TYPES)
    broken[f"{NS}.ThingConfig"] = struct("ThingConfig", prop("name", None, STRING))
    with pytest.raises(SystemExit, match="ThingConfig.name: no Terraform docs link"):
        generator.assembly_schemas(broken, {})


def test_a_listed_type_missing_from_the_assembly_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator, "SCHEMA_RESOURCES", ("aws_thing", "aws_other"))
    monkeypatch.setattr(generator, "DATA_SOURCES", ())
    version, resources, data = generator.assembly_schemas(TYPES, {})
    with pytest.raises(SystemExit, match="hashicorp/aws 6.25.0 has no resource type.s. aws_other"):
        generator.module_text("# header", version, resources, data)
