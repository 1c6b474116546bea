"""/api/osdi/v1/: the OSDI API, outside the language prefixes (one API for every language).
A trailing slash is optional, as OSDI clients write addresses both ways."""

from django.urls import re_path

from .api import views

app_name = "osdi"

PETITION = r"petitions/(?P<key>[^/]+)"

urlpatterns = [
    re_path(r"^$", views.entry_point, name="aep"),
    re_path(r"^petitions/?$", views.petitions, name="petitions"),
    re_path(rf"^{PETITION}/?$", views.petition, name="petition"),
    re_path(rf"^{PETITION}/signatures/?$", views.signatures, name="signatures"),
    re_path(
        rf"^{PETITION}/signatures/(?P<signature_id>[0-9]{{1,18}})/?$",
        views.signature,
        name="signature",
    ),
    re_path(
        rf"^{PETITION}/record_signature_helper/?$",
        views.record_signature_helper,
        name="record_signature_helper",
    ),
    re_path(r"^people/?$", views.people, name="people"),
    re_path(r"^people/(?P<key>[0-9a-f]{64})/?$", views.person, name="person"),
    re_path(r"", views.not_found),
]
