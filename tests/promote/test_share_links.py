"""After signing, supporters share the campaign: plain links, in their language, no trackers."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.test import Client

from campaigns.models import CampaignSubmission

SERVICES = ["email", "whatsapp", "telegram", "facebook", "x", "line"]


def signed_page(client, page, valid_post):
    # Signing redirects to the thanks at its own address (POST, redirect, GET).
    response = client.post(page.url, valid_post, follow=True)
    assert response.redirect_chain == [(f"{page.url}thank-you/", 303)]
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(id="thank-you-heading")
    return soup


def share_links(soup):
    section = soup.find("section", class_="share")
    assert section is not None
    return {
        link["class"][1].removeprefix("share__link--"): link
        for link in section.find_all("a", class_="share__link")
    }


def params(href):
    return {key: values[0] for key, values in parse_qs(urlsplit(href).query).items()}


def tagged(url, channel, campaign="hong-kong"):
    return f"{url}?utm_source={channel}&utm_medium=share&utm_campaign={campaign}"


def test_signed_page_links_to_every_service_with_the_page_and_its_share_text(
    client, campaign, valid_post
):
    campaign.share_text = "Hong Kong needs you & me: sign #now"
    campaign.save_revision().publish()
    url = "http://testserver/en/hong-kong/"
    text = "Hong Kong needs you & me: sign #now"

    links = share_links(signed_page(client, campaign, valid_post))

    assert list(links) == SERVICES
    hrefs = {service: link["href"] for service, link in links.items()}
    assert hrefs["whatsapp"].startswith("https://wa.me/?text=")
    assert params(hrefs["whatsapp"]) == {"text": f"{text} {tagged(url, 'whatsapp')}"}
    assert hrefs["telegram"].startswith("https://t.me/share/url?")
    assert params(hrefs["telegram"]) == {"url": tagged(url, "telegram"), "text": text}
    assert hrefs["facebook"].startswith("https://www.facebook.com/sharer/sharer.php?")
    assert params(hrefs["facebook"]) == {"u": tagged(url, "facebook")}
    assert hrefs["x"].startswith("https://x.com/intent/post?")
    assert params(hrefs["x"]) == {"url": tagged(url, "x"), "text": text}
    assert hrefs["line"].startswith("https://social-plugins.line.me/lineit/share?")
    # LINE gets the share text too, not only the address.
    assert params(hrefs["line"]) == {"url": tagged(url, "line"), "text": text}
    assert hrefs["email"].startswith("mailto:?")
    assert params(hrefs["email"]) == {
        "subject": campaign.title,
        "body": f"{text} {tagged(url, 'email')}",
    }
    # Encoded, not raw: "&" and "#" in the text would otherwise cut the link short.
    assert "needs%20you%20%26%20me%3A%20sign%20%23now" in hrefs["x"]
    assert "%3A%2F%2Ftestserver%2Fen%2Fhong-kong%2F%3Futm_source%3Dfacebook" in hrefs["facebook"]


def shared_address(service, href):
    """The campaign's address inside a share link, as the friend who receives it opens it."""
    found = params(href)
    if service in ("email", "whatsapp"):
        return (found.get("body") or found["text"]).rsplit(" ", 1)[1]
    return found.get("url") or found["u"]


def test_each_channel_shares_an_address_tagged_with_that_channel(client, campaign, valid_post):
    links = share_links(signed_page(client, campaign, valid_post))

    for service, link in links.items():
        address = urlsplit(shared_address(service, link["href"]))
        assert (address.scheme, address.netloc, address.path) == (
            "http",
            "testserver",
            "/en/hong-kong/",
        )
        assert params(address.geturl()) == {
            "utm_source": service,
            "utm_medium": "share",
            "utm_campaign": "hong-kong",
        }


def test_a_friend_arriving_by_the_whatsapp_link_is_recorded_as_coming_from_whatsapp(
    client, campaign, valid_post
):
    links = share_links(signed_page(client, campaign, valid_post))
    address = shared_address("whatsapp", links["whatsapp"]["href"])

    # The friend opens the shared address and signs there (the form posts to its own address).
    friend = Client()
    assert friend.get(address).status_code == 200
    response = friend.post(address, {**valid_post, "email": "friend@example.org"}, follow=True)
    assert response.status_code == 200

    sources = {s.form_data["email"]: s.source for s in CampaignSubmission.objects.order_by("pk")}
    assert sources == {
        "ada@example.org": {},
        "friend@example.org": {
            "utm_source": "whatsapp",
            "utm_medium": "share",
            "utm_campaign": "hong-kong",
        },
    }


def test_every_share_link_has_an_icon_drawn_in_the_page(client, campaign, valid_post):
    soup = signed_page(client, campaign, valid_post)
    section = soup.find("section", class_="share")

    links = share_links(soup)
    for service, link in links.items():
        svg = link.find("svg")
        assert svg is not None, service
        assert svg["data-icon"] == service
        assert svg["aria-hidden"] == "true"
        assert svg["focusable"] == "false"
        assert svg.find(["path", "rect", "circle"]) is not None
        # The icon adds no words: the link's name is its text.
        assert svg.get_text(strip=True) == ""
        assert link.get_text(" ", strip=True).startswith("Share ")
    native = section.find("button", class_="share__native")
    assert native.find("svg")["data-icon"] == "share_sheet"
    # Drawn here: nothing in the block is fetched from elsewhere (no <img>, <use href>,
    # icon font or stylesheet), and the only addresses are the links' own.
    assert section.find_all(["img", "use", "image", "link", "style", "iframe"]) == []
    for tag in section.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute == "href" and tag.name == "a":
                continue
            assert "http" not in str(value) or attribute.startswith("data-share"), (
                tag.name,
                attribute,
            )
    # Icons differ per channel.
    drawings = {str(link.find("svg").find_all(True)) for link in links.values()}
    assert len(drawings) == len(links)


def test_zh_hant_supporter_shares_the_zh_hant_page_and_text(
    client, campaign, zh_homes, translate, valid_post
):
    campaign.share_text = "Sign for Hong Kong"
    campaign.save_revision().publish()
    zh_hant = translate(campaign, "zh-hant", {"Sign for Hong Kong": "為香港聯署 & 分享"})
    assert zh_hant.share_text == "為香港聯署 & 分享"

    soup = signed_page(client, zh_hant, valid_post)
    links = share_links(soup)

    url = "http://testserver/zh-hant/hong-kong/"
    assert params(links["telegram"]["href"]) == {
        "url": tagged(url, "telegram"),
        "text": "為香港聯署 & 分享",
    }
    assert "%E7%82%BA%E9%A6%99%E6%B8%AF" in links["x"]["href"]  # 為香港, UTF-8 encoded
    text = "為香港聯署 & 分享"
    assert params(links["whatsapp"]["href"]) == {"text": f"{text} {tagged(url, 'whatsapp')}"}
    assert params(links["line"]["href"]) == {"url": tagged(url, "line"), "text": text}
    # Accessible names in the page's language.
    assert links["email"].get_text(" ", strip=True) == "以電郵分享"
    assert links["whatsapp"].get_text(" ", strip=True) == "分享到 WhatsApp （在新分頁開啟）"
    assert soup.find("h2", id="share-heading").get_text() == "請朋友一起採取行動"


def test_share_text_falls_back_to_the_organisation_default_then_the_title(
    client, campaign, valid_post, organisation
):
    links = share_links(signed_page(client, campaign, valid_post))
    assert params(links["x"]["href"])["text"] == organisation.default_share_text

    organisation.default_share_text = ""
    organisation.save()
    links = share_links(signed_page(client, campaign, valid_post | {"email": "b@example.org"}))
    assert params(links["x"]["href"])["text"] == campaign.title


def test_signed_page_loads_nothing_from_elsewhere(client, campaign, valid_post):
    soup = signed_page(client, campaign, valid_post)

    scripts = [script["src"] for script in soup.find_all("script", src=True)]
    assert scripts == ["/static/js/campaign-page.js", "/static/js/share.js"]
    assert not soup.find_all("script", src=False)  # the CSP allows no inline script
    assert not soup.find_all("iframe")
    assert all(img["src"].startswith("/") for img in soup.find_all("img"))
    for link in share_links(soup).values():
        assert "noopener" in link["rel"]
        if link["href"].startswith("mailto:"):
            assert not link.has_attr("target")
        else:
            assert link["target"] == "_blank"
            assert link.find(class_="visually-hidden").get_text(strip=True)


def test_native_share_button_is_hidden_until_the_script_finds_navigator_share(
    client, campaign, valid_post
):
    button = signed_page(client, campaign, valid_post).find("button", class_="share__native")

    assert button.has_attr("hidden")
    assert button["type"] == "button"
    # The device's share menu is a channel of its own.
    assert button["data-share-url"] == tagged("http://testserver/en/hong-kong/", "share_sheet")
    script = finders.find("js/share.js")
    assert script is not None
    source = Path(script).read_text(encoding="utf-8")
    assert "navigator.share" in source
    assert "hidden = false" in source


def test_the_open_form_has_no_share_links(client, campaign):
    response = client.get(campaign.url)

    assert 'class="share"' not in response.content.decode()
