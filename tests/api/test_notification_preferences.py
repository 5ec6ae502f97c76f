"""GET and PUT /api/v1/me/notification-preferences: each user's own choice, saved only over the version read."""

from tests.conftest import ClientFor

URL = "/api/v1/me/notification-preferences"


def test_a_user_who_never_chose_gets_each_message_at_once(client_for: ClientFor) -> None:
    answer = client_for("planner_a").get(URL)

    assert answer.status_code == 200
    assert answer.json()["cadence"] == "immediate"
    assert answer.headers["ETag"] == '"notification-preferences-0"'
    assert "cannot be turned off" in answer.json()["reminders"]


def test_a_choice_is_saved_over_the_version_read_and_a_stale_one_refused(client_for: ClientFor) -> None:
    planner = client_for("planner_a")

    saved = planner.put(URL, json={"cadence": "weekly"}, headers={"If-Match": '"notification-preferences-0"'})
    stale = planner.put(URL, json={"cadence": "immediate"}, headers={"If-Match": '"notification-preferences-0"'})

    assert saved.status_code == 200
    assert saved.json() == saved.json() | {"cadence": "weekly", "version": 1}
    assert stale.status_code == 412
    assert stale.headers["ETag"] == '"notification-preferences-1"'
    assert planner.get(URL).json()["cadence"] == "weekly"


def test_one_users_choice_is_not_anothers(client_for: ClientFor) -> None:
    client_for("planner_a").put(URL, json={"cadence": "weekly"}, headers={"If-Match": '"notification-preferences-0"'})

    assert client_for("reviewer_x").get(URL).json()["cadence"] == "immediate"


def test_an_unknown_cadence_is_refused_naming_the_field(client_for: ClientFor) -> None:
    answer = client_for("planner_a").put(
        URL, json={"cadence": "hourly"}, headers={"If-Match": '"notification-preferences-0"'}
    )

    assert answer.status_code == 422
    assert "cadence" in answer.text


def test_a_save_without_if_match_is_asked_for_one(client_for: ClientFor) -> None:
    answer = client_for("planner_a").put(URL, json={"cadence": "weekly"})

    assert answer.status_code == 428
