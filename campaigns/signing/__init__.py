"""The way of a POST to a campaign page, in the order it happens:

1. `guards`: what is refused before the body is read (another site, too large, a closed action,
   too many posts);
2. `forms`: the supporter's form, built from the editor's fields, with the bot filters (`bots`,
   `captcha`) and where the supporter came from (`sources`);
3. `store`: the signature and its emails, stored and queued in one transaction;
4. `confirmation`: double opt-in, where the campaign asks for it.

CampaignPage (campaigns.models.pages) keeps Wagtail's form builder hooks and calls these.
"""
