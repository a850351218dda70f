from django.urls import reverse


def test_home_page_opens_in_chromium(live_server, page, essay_lesson):
    page.goto(live_server.url + reverse("lessons:home"))
    assert page.get_by_role("heading", level=1).is_visible()
