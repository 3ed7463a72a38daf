"""A 404 from the API names the missing resource in the API's own words."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "path", "detail"),
    [
        ("get", "/api/v1/links/999999/", "There is no link 999999."),
        ("get", "/api/v1/claims/999999/", "There is no claim 999999."),
        ("get", "/api/v1/articles/999999/", "There is no article 999999."),
        ("get", "/api/v1/actors/999999/", "There is no actor 999999."),
        ("post", "/api/v1/jobs/999999/cancel/", "There is no job 999999."),
        ("post", "/api/v1/threads/999999/move/", "There is no thread 999999."),
        ("delete", "/api/v1/links/999999/", "There is no link 999999."),
    ],
)
def test_a_missing_object_is_named(as_editor, method, path, detail):
    response = getattr(as_editor, method)(
        path, {"claim": 1, "version": 1} if method == "post" else None, format="json"
    )
    assert response.status_code == 404
    assert response.json() == {"detail": detail}


def test_a_path_that_is_no_id_is_not_echoed_back(as_editor):
    response = as_editor.get("/api/v1/claims/%3Cscript%3E/")
    assert response.status_code == 404 and "script" not in response.json()["detail"]
