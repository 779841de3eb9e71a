"""The commands of the README."""

from booking.demo import DEMO_LOGINS


def test_seed_demo_loads_the_demo_logins_once(runner, client, auth):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Demo data loaded." in result.output

    for _role, email, password in DEMO_LOGINS:
        auth.login(email, password)
        auth.logout()

    again = runner.invoke(args=["seed-demo"])
    assert "already has data" in again.output


def test_i18n_missing_finds_nothing_to_translate(runner):
    result = runner.invoke(args=["i18n", "missing", "core", "accounts", "notifications"])

    assert result.exit_code == 0, result.output
