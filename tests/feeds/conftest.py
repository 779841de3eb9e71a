"""The feed tests use the community fixtures (people, a place, ``create_community``)."""

from tests.communities.conftest import *  # noqa: F403
