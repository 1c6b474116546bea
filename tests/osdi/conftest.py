import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from osdi.models import ApiToken
from tests.peers import http_receiver  # noqa: F401 (a fixture for the push's tests)

SCHEMAS = Path(__file__).parent / "schemas"
BASE = "/api/osdi/v1/"


def schema(name):
    return json.loads((SCHEMAS / f"{name}.json").read_text())


def valid(name, data):
    """Assert `data` is valid against tests/osdi/schemas/<name>.json; returns it."""
    Draft202012Validator.check_schema(schema(name))
    errors = sorted(Draft202012Validator(schema(name)).iter_errors(data), key=str)
    assert not errors, [f"{list(error.path)}: {error.message}" for error in errors]
    return data


def valid_collection(data, item_schema):
    valid("collection", data)
    for items in data["_embedded"].values():
        for item in items:
            valid(item_schema, item)
    return data


def embedded(data):
    return next(iter(data["_embedded"].values()))


@pytest.fixture
def team_user(db, django_user_model):
    return django_user_model.objects.create_superuser("osdi-team", password="x")


@pytest.fixture
def read_token(team_user):
    return ApiToken.make(team_user, "Read", can_read=True, can_write=False)[1]


@pytest.fixture
def write_token(team_user):
    return ApiToken.make(team_user, "Write", can_read=True, can_write=True)[1]


class Api:
    def __init__(self, client):
        self.client = client

    def __call__(self, method, path, token=None, body=None, **extra):
        headers = {"HTTP_OSDI_API_TOKEN": token} if token else {}
        address = path if path.startswith(("http", "/")) else BASE + path
        if body is not None:
            extra.update(
                data=body if isinstance(body, bytes | str) else json.dumps(body),
                content_type="application/json",
            )
        return getattr(self.client, method.lower())(address, **headers, **extra)

    def get(self, path, token, **extra):
        return self("GET", path, token, **extra)

    def post(self, path, token, body, **extra):
        return self("POST", path, token, body, **extra)


@pytest.fixture
def api(client):
    return Api(client)


def person_body(email="grace@example.org", **person):
    return {
        "person": {
            "given_name": "Grace",
            "family_name": "Hopper",
            "email_addresses": [{"address": email, "primary": True}],
            "postal_addresses": [{"country": "GB"}],
            "custom_fields": {"i_agree_to_be_contacted": True},
            **person,
        },
        "add_tags": ["volunteer"],
        "comments": "Please respect our rights.",
    }
