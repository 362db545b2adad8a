"""POST /api/prompt/interpret: what the renderer reads from the words, as the editor shows it."""


def test_the_reading_names_colours_scenes_camera_and_unknown_words(client, auth):
    res = client.post("/api/prompt/interpret", headers=auth,
                      json={"text": "Club sudado en Santo Domingo: luces rojas y doradas, humo, cámara en mano, handheld"})
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["colours"] == ["red", "gold"] and body["colour_hex"][0].startswith("#")
    assert body["scenes"] == ["club", "smoke"] and body["camera"] == "shake"
    assert {"Santo", "Domingo"} <= set(body["unknown"])
    assert any(u["word"] == "humo" and u["kind"] == "scene" for u in body["understood"])
    assert "red" in body["summary"]


def test_an_empty_text_says_the_mood_sets_the_look(client, auth):
    body = client.post("/api/prompt/interpret", headers=auth, json={"text": ""}).json()
    assert body["understood"] == [] and "mood" in body["summary"]


def test_reading_needs_a_login_and_a_bounded_text(client, auth):
    assert client.post("/api/prompt/interpret", json={"text": "red"}).status_code == 401
    assert client.post("/api/prompt/interpret", headers=auth, json={"text": "x" * 2001}).status_code == 422
    assert client.post("/api/prompt/interpret", headers=auth, json={"words": "red"}).status_code == 422
