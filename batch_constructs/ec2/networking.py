"""EC2 networking (names as in ``aws_cdk.aws_ec2``), a façade over its modules: ``vpc``
(``Vpc``, ``IpAddresses``), ``vpc_base`` (imports and lookups), ``subnets``, ``vpc_endpoints``,
``security_groups`` and ``peers_ports`` (``Port``, ``Peer``, ``Protocol``, ``Connections``).
Every name stays importable from here and from ``batch_constructs.ec2``."""
from __future__ import annotations

from ._construct import _construct_base  # noqa: F401  (launch_templates imports it from here)
from .peers_ports import *  # noqa: F401,F403
from .peers_ports import __all__ as _peers_ports
from .security_groups import *  # noqa: F401,F403
from .security_groups import __all__ as _security_groups
from .subnets import *  # noqa: F401,F403
from .subnets import __all__ as _subnets
from .vpc import *  # noqa: F401,F403
from .vpc import __all__ as _vpc
from .vpc_base import *  # noqa: F401,F403
from .vpc_base import __all__ as _vpc_base
from .vpc_endpoints import *  # noqa: F401,F403
from .vpc_endpoints import __all__ as _vpc_endpoints

__all__ = sorted({*_peers_ports, *_security_groups, *_subnets, *_vpc, *_vpc_base, *_vpc_endpoints})


from .._keywords import suggest_keywords_in  # noqa: E402

suggest_keywords_in(globals())  # a misspelled keyword names the closest one
