"""The HCL form of every example stack: ``hcl2.loads`` of it equals the JSON stack semantically,
it is ``terraform fmt``-clean, deterministic, and ``terraform validate`` accepts it.

Stacks come from ``stacks.all_stacks()`` (narrowed only by ``E2E_STACKS`` while developing), so
stacks added later are covered without touching this file.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from batch_constructs import hcl
from tests.harness.synth import selected_stacks, synth_examples
from tests.harness.terraform import Terraform

pytestmark = pytest.mark.terraform
STACK_NAMES = selected_stacks()
# A provider configuration with a nested block (endpoints), as the e2e harness writes it.
PROVIDER_CONFIG = {
    "access_key": "testing", "secret_key": "testing", "region": "us-east-1",
    "skip_credentials_validation": True, "skip_requesting_account_id": True,
    "skip_metadata_api_check": "true", "skip_region_validation": True,
    "endpoints": [{"batch": "http://127.0.0.1:1", "iam": "http://127.0.0.1:1", "ec2": "http://127.0.0.1:1"}],
}


@pytest.fixture(scope="module")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return synth_examples(tmp_path_factory.mktemp("hcl-synth") / "cdktf.out", provider_config=PROVIDER_CONFIG,
                          only=STACK_NAMES)


@pytest.fixture(scope="module")
def schema(synthesized: dict[str, Any], terraform_tools: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    # A fresh cache: this fetches the schema with the real terraform (offline, via the mirror).
    cache = tmp_path_factory.mktemp("schema-cache")
    loaded = hcl.load_provider_schema(synthesized.values(), terraform=terraform_tools.binary, cache_dir=cache,
                                      cli_config=terraform_tools.cli_config, use_embedded=False)
    assert list(cache.glob("*.json.gz")), "the schema was not cached"
    return loaded


@pytest.fixture(scope="module")
def rendered(synthesized: dict[str, Any], schema: Any) -> dict[str, dict[str, str]]:
    return {name: hcl.render_hcl_files(doc, schema) for name, doc in synthesized.items()}


@pytest.fixture(scope="module")
def terraform_results(rendered: dict[str, dict[str, str]], terraform_tools: Any,
                      tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("hcl-tf")

    def check(name: str) -> dict[str, Any]:
        work = root / name
        work.mkdir()
        for file, text in rendered[name].items():
            (work / file).write_text(text)
        tf = Terraform(terraform_tools.binary, terraform_tools.cli_config, work)
        fmt = tf.run("fmt", "-check", "-diff", "-no-color")
        init = tf.run("init", "-input=false", "-no-color", "-backend=false")
        if init.returncode != 0:
            return {"fmt": fmt, "validate": {"valid": False, "diagnostics": [{"summary": init.stderr}]}}
        return {"fmt": fmt, "validate": tf.validate()}

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(STACK_NAMES, pool.map(check, STACK_NAMES)))


@pytest.mark.parametrize("stack_name", STACK_NAMES)
def test_hcl_equals_json_semantically(synthesized: dict[str, Any], rendered: dict[str, dict[str, str]],
                                      schema: Any, stack_name: str) -> None:
    files = rendered[stack_name]
    assert "main.tf" in files and "versions.tf" in files and "providers.tf" in files
    assert hcl.semantic_diff(synthesized[stack_name], files.values(), schema) == []


@pytest.mark.parametrize("stack_name", STACK_NAMES)
def test_hcl_is_deterministic(synthesized: dict[str, Any], rendered: dict[str, dict[str, str]], schema: Any,
                              stack_name: str) -> None:
    assert hcl.render_hcl_files(synthesized[stack_name], schema) == rendered[stack_name]


@pytest.mark.parametrize("stack_name", STACK_NAMES)
def test_hcl_is_fmt_clean_and_valid(terraform_results: dict[str, Any], stack_name: str) -> None:
    result = terraform_results[stack_name]
    assert result["fmt"].returncode == 0, result["fmt"].stdout
    validate = result["validate"]
    problems = [f"{d.get('severity')}: {d.get('summary')}: {d.get('detail')}" for d in validate.get("diagnostics", [])]
    assert validate["valid"], "\n".join(problems)
    assert not [p for p in problems if p.startswith("warning")], "\n".join(problems)


def test_the_proof_catches_a_changed_value(synthesized: dict[str, Any], rendered: dict[str, dict[str, str]],
                                           schema: Any) -> None:
    """The equivalence check is not vacuous: one changed literal in the HCL is reported."""
    name = STACK_NAMES[0]
    files = dict(rendered[name])
    main = files["main.tf"]
    assert '"ENABLED"' in main or "= true" in main
    files["main.tf"] = main.replace('"ENABLED"', '"DISABLED"', 1) if '"ENABLED"' in main \
        else main.replace("= true", "= false", 1)
    assert hcl.semantic_diff(synthesized[name], files.values(), schema)


def test_cached_schema_is_used_without_terraform(synthesized: dict[str, Any], schema: Any,
                                                 tmp_path: Path, terraform_tools: Any) -> None:
    doc = next(iter(synthesized.values()))
    hcl.load_provider_schema(doc, terraform=terraform_tools.binary, cache_dir=tmp_path,
                             cli_config=terraform_tools.cli_config, use_embedded=False)
    # second load: from the cache, even with a terraform that does not exist
    again = hcl.load_provider_schema(doc, terraform="/nonexistent/terraform", cache_dir=tmp_path, use_embedded=False)
    assert hcl.render_hcl_files(doc, again) == hcl.render_hcl_files(doc, schema)


def test_every_shape_of_the_unit_tests_is_fmt_clean(terraform_tools: Any, tmp_path: Path) -> None:
    """The hand-written stack of tests/unit/test_hcl.py (meta-arguments, map blocks, escapes,
    jsonencode, modules...) and the fmt unit test's expectation, checked by terraform fmt itself."""
    from tests.unit.test_hcl import FMT_EXPECTED, render

    for name, text in render().items():
        (tmp_path / name).write_text(text)
    (tmp_path / "fmt_case.tf").write_text(FMT_EXPECTED)
    tf = Terraform(terraform_tools.binary, terraform_tools.cli_config, tmp_path)
    tf.run("fmt", "-check", "-diff", "-no-color").check()


def test_main_writes_hcl_and_modules(terraform_tools: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    import main

    name = STACK_NAMES[0]
    monkeypatch.setenv(hcl.CACHE_ENV, str(tmp_path / "cache"))      # empty: fetched through the mirror
    monkeypatch.delenv("TF_CLI_CONFIG_FILE", raising=False)
    out = tmp_path / "out"
    assert main.main(["--outdir", str(out), "--stack", name, "--hcl", "--module",
                      "--provider-mirror", str(terraform_tools.mirror)]) == 0
    stack_dir = out / "stacks" / name
    assert (stack_dir / "cdk.tf.json").exists()
    assert {"versions.tf", "providers.tf", "main.tf"} <= {p.name for p in (stack_dir / "hcl").iterdir()}
    module = out / "modules" / name.replace("-", "_")
    assert sorted(p.name for p in module.iterdir()) == ["README.md", "main.tf", "outputs.tf", "variables.tf",
                                                        "versions.tf"]
    assert "wrote module" in capsys.readouterr().out
    assert main.main(["--outdir", str(out), "--stack", name, "--hcl=instead"]) == 0    # cached schema now
    assert not (stack_dir / "cdk.tf.json").exists() and (stack_dir / "main.tf").exists()


def test_main_writes_hcl_without_terraform(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The schema this package carries covers every example stack: ``--hcl`` and ``--module`` need
    no terraform binary, no mirror and no cache."""
    import main

    monkeypatch.setenv(hcl.CACHE_ENV, str(tmp_path / "empty-cache"))
    monkeypatch.setenv("TERRAFORM_BINARY_NAME", "no-such-terraform-binary")
    monkeypatch.setenv("PATH", str(tmp_path))  # no terraform anywhere
    monkeypatch.delenv(hcl.MIRROR_ENV, raising=False)
    out = tmp_path / "out"
    assert main.main(["--outdir", str(out), "--hcl", "--module"]) == 0
    for name in STACK_NAMES:
        assert (out / "stacks" / name / "hcl" / "main.tf").is_file()
    assert not (tmp_path / "empty-cache").exists()


@pytest.mark.parametrize("stack_name", STACK_NAMES)
def test_the_embedded_schema_renders_what_terraforms_does(synthesized: dict[str, Any],
                                                          rendered: dict[str, dict[str, str]], tmp_path: Path,
                                                          stack_name: str) -> None:
    """HCL from the embedded schema is byte-identical to HCL from ``terraform providers schema``."""
    embedded = hcl.load_provider_schema(synthesized[stack_name], terraform="/nonexistent/terraform",
                                        cache_dir=tmp_path)
    assert hcl.render_hcl_files(synthesized[stack_name], embedded) == rendered[stack_name]


def test_a_type_outside_the_embedded_schema_needs_terraform(synthesized: dict[str, Any], tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import copy

    doc = copy.deepcopy(next(iter(synthesized.values())))
    doc["resource"]["aws_sqs_queue"] = {"q": {"name": "jobs"}}  # a user's own L1 of another type
    monkeypatch.setenv("TERRAFORM_BINARY_NAME", "no-such-terraform-binary")
    with pytest.raises(hcl.HclError, match="rendering HCL needs the provider schema: install terraform"):
        hcl.load_provider_schema(doc, cache_dir=tmp_path, terraform=None)


def test_an_image_asset_stack_renders_as_valid_hcl(schema: Any, terraform_tools: Any, tmp_path: Path) -> None:
    """``terraform_data`` (Terraform's built-in provider, no schema to load) with its ``local-exec``
    provisioner: the HCL equals the JSON, is fmt-clean and valid beside the copied build context."""
    import shutil

    from tests.ports._apps import synth_app

    out = tmp_path / "out"
    doc = synth_app("docker-asset", out)
    files = hcl.render_hcl_files(doc, schema)
    assert 'provisioner "local-exec"' in files["main.tf"] and 'resource "terraform_data"' in files["main.tf"]
    assert hcl.semantic_diff(doc, files.values(), schema) == []
    work = tmp_path / "hcl"
    shutil.copytree(out / "stacks" / "docker-asset" / "assets", work / "assets")
    for name, text in files.items():
        (work / name).write_text(text)
    tf = Terraform(terraform_tools.binary, terraform_tools.cli_config, work)
    tf.run("fmt", "-check", "-diff", "-no-color").check()
    tf.run("init", "-input=false", "-no-color", "-backend=false").check()
    assert tf.validate()["valid"]
