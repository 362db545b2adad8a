from vibecraft.download_names import download_name


def test_download_names_carry_title_and_version_in_safe_characters():
    assert download_name("Neon — Night", 2, "mp4") == "Neon-Night-v2.mp4"
    assert download_name("Café del Mar", 1, "otio") == "Cafe-del-Mar-v1.otio"
    assert download_name("../../etc", 0, "zip") == "etc-v1.zip"
    assert download_name("語", 3, "mp4") == "video-v3.mp4"
