"""EC2 for Batch apps (names as in ``aws_cdk.aws_ec2``): the instance catalogue (``instances``),
networking (``networking``: ``Vpc``, ``SubnetSelection``, ``SecurityGroup``) and launch
templates, placement groups and machine images (``launch_templates``). This façade re-exports
every public name; the ``InstanceType`` family is pure Python.
"""
from __future__ import annotations

# Library-internal helpers other modules use (not in ``__all__``).
from ._validation import check_instance_type_identifier, check_subnet_selection, security_group_description  # noqa: F401
from .instances import *  # noqa: F401,F403
from .instances import __all__ as _instances
from .instances import family_architecture  # noqa: F401
from .launch_templates import *  # noqa: F401,F403
from .launch_templates import __all__ as _launch_templates
from .launch_templates import as_launch_template  # noqa: F401
from .networking import *  # noqa: F401,F403
from .networking import __all__ as _networking
from .networking import as_security_group  # noqa: F401

from .block_devices import *  # noqa: F401,F403
from .block_devices import __all__ as _block_devices
from .user_data import *  # noqa: F401,F403
from .user_data import __all__ as _user_data

__all__ = sorted({*_instances, *_networking, *_launch_templates, *_block_devices, *_user_data})
