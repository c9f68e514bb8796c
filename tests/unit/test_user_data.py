"""``ec2.UserData``, ``MultipartUserData`` and ``MultipartBody`` render byte for byte what AWS CDK
renders (the expected texts are those of AWS CDK's ``aws-ec2/test/userdata.test.ts``; where AWS CDK
leaves ``Fn::Base64`` to CloudFormation, the expected text holds that base64: standard base64 of
the UTF-8 bytes). Pure Python: ``batch_constructs.ec2``'s package initializer defines constructs
(and loads jsii), so the module is loaded on its own here."""
from __future__ import annotations

import base64
import importlib
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from batch_constructs._errors import ValidationError

EC2_DIR = Path(__file__).resolve().parents[2] / "batch_constructs" / "ec2"


def _load() -> Any:
    """``batch_constructs.ec2.user_data`` without running ``batch_constructs/ec2/__init__.py``
    (unless the package is loaded already): a bare package stands in while importing."""
    name = "batch_constructs.ec2"
    if name in sys.modules:
        return importlib.import_module(f"{name}.user_data")
    stand_in = types.ModuleType(name)
    stand_in.__path__ = [str(EC2_DIR)]  # type: ignore[attr-defined]
    sys.modules[name] = stand_in
    try:
        return importlib.import_module(f"{name}.user_data")
    finally:
        del sys.modules[name]
        sys.modules.pop(f"{name}.user_data", None)


ud = _load()
UserData, MultipartUserData, MultipartBody = ud.UserData, ud.MultipartUserData, ud.MultipartBody
SEP = "+AWS+CDK+User+Data+Separator=="


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


# -- single-part user data (AWS CDK's expected texts) ----------------------------------------------

def test_windows() -> None:
    data = UserData.for_windows()
    data.add_commands("command1", "command2")
    assert data.render() == "<powershell>command1\ncommand2</powershell>"


def test_windows_on_exit_commands() -> None:
    data = UserData.for_windows()
    data.add_commands("command1", "command2")
    data.add_on_exit_commands("onexit1", "onexit2")
    assert data.render() == ('<powershell>trap {\n$success=($PSItem.Exception.Message -eq "Success")\n'
                             'onexit1\nonexit2\nbreak\n}\ncommand1\ncommand2\nthrow "Success"</powershell>')


def test_windows_persist() -> None:
    assert UserData.for_windows(persist=True).render() == "<powershell></powershell><persist>true</persist>"


def test_linux() -> None:
    data = UserData.for_linux()
    data.add_commands("command1", "command2")
    assert data.render() == "#!/bin/bash\ncommand1\ncommand2"


def test_linux_shebang_and_on_exit_commands() -> None:
    data = UserData.for_linux(shebang="#!/bin/sh -xe")
    data.add_commands("command1", "command2")
    data.add_on_exit_commands("onexit1", "onexit2")
    assert data.render() == ("#!/bin/sh -xe\nfunction exitTrap(){\nexitCode=$?\nonexit1\nonexit2\n}\n"
                             "trap exitTrap EXIT\ncommand1\ncommand2")


def test_linux_s3_download_and_execute() -> None:
    data = UserData.for_linux()
    bucket, bucket2 = types.SimpleNamespace(bucket_name="test"), types.SimpleNamespace(bucket_name="test2")
    assert data.add_s3_download_command(bucket=bucket, bucket_key="filename.sh") == "/tmp/filename.sh"
    data.add_s3_download_command(bucket=bucket2, bucket_key="filename2.sh",
                                 local_file="c:\\test\\location\\otherScript.sh", region="us-east-1")
    data.add_execute_file_command(file_path="/test/filename2.sh", arguments="arg1 arg2 -arg $variable")
    assert data.render() == (
        "#!/bin/bash\nmkdir -p $(dirname '/tmp/filename.sh')\naws s3 cp 's3://test/filename.sh' '/tmp/filename.sh'\n"
        "mkdir -p $(dirname 'c:\\test\\location\\otherScript.sh')\naws s3 cp 's3://test2/filename2.sh' "
        "'c:\\test\\location\\otherScript.sh' --region us-east-1\n"
        "set -e\nchmod +x '/test/filename2.sh'\n'/test/filename2.sh' arg1 arg2 -arg $variable")


def test_windows_s3_download_and_execute() -> None:
    data = UserData.for_windows()
    data.add_s3_download_command(bucket=types.SimpleNamespace(bucket_name="test"), bucket_key="filename.bat")
    data.add_execute_file_command(file_path="C:\\test\\filename.bat")
    assert data.render() == (
        "<powershell>mkdir (Split-Path -Path 'C:/temp/filename.bat' ) -ea 0\n"
        "Read-S3Object -BucketName 'test' -key 'filename.bat' -file 'C:/temp/filename.bat' -ErrorAction Stop\n"
        "&'C:\\test\\filename.bat'\n"
        "if (!$?) { Write-Error 'Failed to execute the file \"C:\\test\\filename.bat\"' -ErrorAction Stop }"
        "</powershell>")


def test_custom() -> None:
    data = UserData.custom("Some\nmultiline\ncontent")
    assert data.render() == "Some\nmultiline\ncontent"
    with pytest.raises(ValidationError, match="CustomUserData does not support add_on_exit_commands"):
        data.add_on_exit_commands("a command goes here")
    with pytest.raises(ValidationError, match="does not support add_execute_file_command"):
        data.add_execute_file_command(file_path="/tmp/filename.sh")


# -- multi-part ---------------------------------------------------------------------------------------

def test_body_part_headers() -> None:
    linux = UserData.for_linux()
    linux.add_commands('echo "Hello world"')
    inner = b64('#!/bin/bash\necho "Hello world"')
    assert MultipartBody.from_user_data(linux).render_body_part() == [
        'Content-Type: text/x-shellscript; charset="utf-8"', "Content-Transfer-Encoding: base64", "", inner]
    assert MultipartBody.from_user_data(linux, MultipartBody.CLOUD_BOOTHOOK).render_body_part()[0] == \
        'Content-Type: text/cloud-boothook; charset="utf-8"'


def test_default_and_custom_separator() -> None:
    for separator, expected in ((None, SEP), ("//", "//")):
        multipart = MultipartUserData(parts_separator=separator)
        multipart.add_part(MultipartBody.from_raw_body(content_type="CT"))
        assert multipart.render() == "\n".join([f'Content-Type: multipart/mixed; boundary="{expected}"',
                                                "MIME-Version: 1.0", "", f"--{expected}", "Content-Type: CT", "",
                                                f"--{expected}--", ""])


def test_raw_body_with_transfer_encoding() -> None:
    part = MultipartBody.from_raw_body(content_type="text/x-shellscript", body="ZWNobyBoaQ==",
                                       transfer_encoding="base64")
    assert part.render_body_part() == ["Content-Type: text/x-shellscript", "Content-Transfer-Encoding: base64", "",
                                       "ZWNobyBoaQ=="]


@pytest.mark.parametrize("separator", [" ", "\n", "\r", "[", "]", "<", ">", "違う", "", "a" * 71])
def test_separator_validation(separator: str) -> None:
    with pytest.raises(ValidationError, match="Invalid characters in separator"):
        MultipartUserData(parts_separator=separator)
    MultipartUserData(parts_separator="a-zA-Z0-9()+,-./:=?")


def test_commands_go_to_the_default_part() -> None:
    inner = UserData.for_linux()
    multipart = MultipartUserData()
    multipart.add_user_data_part(inner, MultipartBody.SHELL_SCRIPT, True)
    multipart.add_commands("command1", "command2")
    multipart.add_on_exit_commands("onexit1", "onexit2")
    expected_inner = ("#!/bin/bash\nfunction exitTrap(){\nexitCode=$?\nonexit1\nonexit2\n}\ntrap exitTrap EXIT\n"
                      "command1\ncommand2")
    assert inner.render() == expected_inner
    assert multipart.render() == "\n".join([
        f'Content-Type: multipart/mixed; boundary="{SEP}"', "MIME-Version: 1.0", "", f"--{SEP}",
        'Content-Type: text/x-shellscript; charset="utf-8"', "Content-Transfer-Encoding: base64", "", ""]) + \
        b64(expected_inner) + f"\n--{SEP}--\n"


def test_first_user_data_part_is_the_default_unless_told() -> None:
    first, second = UserData.for_linux(), UserData.for_linux()
    multipart = MultipartUserData()
    multipart.add_user_data_part(first)
    multipart.add_user_data_part(second)
    multipart.add_commands("x")
    assert first.render() == "#!/bin/bash\nx" and second.render() == "#!/bin/bash"
    multipart.add_user_data_part(UserData.for_linux(), make_default=False)
    multipart.add_commands("y")
    assert first.render() == "#!/bin/bash\nx\ny"


def test_multipart_without_default_part_refuses_commands() -> None:
    multipart = MultipartUserData()
    for call in (lambda: multipart.add_commands("a"), lambda: multipart.add_on_exit_commands("a"),
                 lambda: multipart.add_execute_file_command(file_path="/tmp/x")):
        with pytest.raises(ValidationError, match="MultipartUserData only supports this operation if it has a "
                                                  "default UserData"):
            call()


def test_later_changes_show_in_the_next_render() -> None:
    inner = UserData.for_linux()
    multipart = MultipartUserData()
    multipart.add_part(MultipartBody.from_user_data(inner))
    before = multipart.render()
    inner.add_commands("echo later")
    assert b64("#!/bin/bash\necho later") in multipart.render() and multipart.render() != before


def test_utf8_and_nested_multipart() -> None:
    inner = UserData.for_linux()
    inner.add_commands("echo 大らと > /var/tmp/echo1")
    nested = MultipartUserData(parts_separator="inner")
    nested.add_user_data_part(inner)
    outer = MultipartUserData()
    outer.add_user_data_part(nested, "multipart/mixed")
    assert b64("#!/bin/bash\necho 大らと > /var/tmp/echo1") in nested.render()
    assert b64(nested.render()) in outer.render()


# -- the launch template's user_data attribute and the MIME check ------------------------------------

def test_terraform_user_data_without_tokens_is_base64_of_the_text() -> None:
    multipart = MultipartUserData()
    multipart.add_user_data_part(UserData.for_linux())
    multipart.add_commands("echo ${HOME} %{x}")
    assert ud.terraform_user_data(multipart) == b64(multipart.render())
    assert ud.terraform_user_data("#!/bin/bash\necho hi\n") == "IyEvYmluL2Jhc2gKZWNobyBoaQo="


def test_terraform_user_data_with_a_token_is_a_template() -> None:
    token = "${TfToken[TOKEN.7]}"
    data = UserData.for_linux()
    data.add_commands('echo "a\\b" ${HOME} %{x} $' + token, "\tdone")
    multipart = MultipartUserData()
    multipart.add_user_data_part(data)
    value = ud.terraform_user_data(multipart)
    assert value.startswith('${base64encode("Content-Type: multipart/mixed; boundary=\\"' + SEP + '\\"\\n')
    # the inner part: a nested base64encode, its literal text escaped, the token an interpolation
    assert '${base64encode("#!/bin/bash\\necho \\"a\\\\b\\" $${HOME} %%{x} ${"$"}${' + token + '}\\n\\tdone")}' in value
    assert value.endswith('\\n--' + SEP + '--\\n")}')


@pytest.mark.parametrize("value, expected", [
    ("#!/bin/bash\necho hi", False),
    ('MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="B"\n\n--B\n\n--B--\n', True),
    ('content-type: Multipart/Mixed; boundary="B"\r\n\r\n--B--', True),
    ("#!/bin/bash\n\nContent-Type: multipart/mixed", False),
    ("${TfToken[TOKEN.1]}", None),
])
def test_is_multipart(value: str, expected: bool | None) -> None:
    assert ud.is_multipart(value) is expected


def test_is_multipart_of_user_data_objects() -> None:
    assert ud.is_multipart(MultipartUserData()) is True
    assert ud.is_multipart(UserData.for_linux()) is False
    assert ud.is_multipart(UserData.custom('Content-Type: multipart/mixed; boundary="x"\n\n--x--')) is True


# -- bad input: value objects name the keyword (no construct) -----------------------------------------

@pytest.mark.parametrize("call, message", [
    (lambda: UserData.for_linux(shebang=5), r"'shebang' must be a string, got 5 \(int\)"),
    (lambda: UserData.for_windows(persist="yes"), r"'persist' must be True or False, got 'yes' \(str\)"),
    (lambda: UserData.custom(None), r"'content' is required"),
    (lambda: UserData.for_linux().add_commands("ok", 3), r"'commands\[1\]' must be a string, got 3 \(int\)"),
    (lambda: MultipartUserData().add_part("text"), r"'part' must be an ec2\.MultipartBody, got 'text' \(str\)"),
    (lambda: MultipartUserData().add_user_data_part("#!/bin/bash"), r"'user_data' must be an ec2\.UserData"),
    (lambda: MultipartUserData().add_user_data_part(UserData.for_linux(), make_default="y"),
     r"'make_default' must be True or False"),
    (lambda: MultipartBody.from_raw_body(content_type="a\nb"), r"'content_type' must be a one-line MIME header"),
    (lambda: MultipartBody.from_raw_body(content_type=None), r"'content_type' is required"),
    (lambda: MultipartBody.from_raw_body(content_type="CT", body=b"x"), r"'body' must be a string"),
    (lambda: MultipartBody.from_user_data(UserData.for_linux(), content_type=7), r"'content_type' must be a one-line"),
    (lambda: UserData.for_linux().add_s3_download_command(bucket="b", bucket_key="k"),
     r"'bucket' must be an s3\.IBucket"),
    (lambda: UserData.for_linux().add_signal_on_exit_command(object()), r"CloudFormation signal"),
])
def test_bad_input(call: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        call()
    assert info.value.path is None
