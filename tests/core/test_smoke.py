def test_front_page_renders_in_danish_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="da">' in response.get_data(as_text=True)


def test_health(client):
    assert client.get("/sundhed").get_json() == {"status": "ok"}
