"""Demo campaigns in the project's own words, shaped like the reference page.

The reference is shared/seed-campaign.md.

Each campaign is a plain dict so that load_demo can build it the way an editor would in the admin.
"""

HOME = {
    "title": "Stand up for human rights",
    "slug": "home",
    "introduction": (
        "<p>Every action on this site is a message from people like you to someone with the power "
        "to change things. Add your name, write in your own words, and help us hold governments "
        "to the promises they have made.</p>"
    ),
}

# The organisation's settings (Settings → Organisation), translated like the pages. The accounts
# are placeholders: the demo links to no real organisation.
ORGANISATION = {
    "name": "Rights in Action",
    "default_share_text": "I just took action for human rights. Will you add your name too?",
    "default_social_image": "dawn",
    "logo": "logo",
    "x_url": "https://x.com/rights_in_action_demo",
    "facebook_url": "https://www.facebook.com/rights.in.action.demo",
    "instagram_url": "https://www.instagram.com/rights.in.action.demo",
    "telegram_url": "https://t.me/rights_in_action_demo",
    "whatsapp_url": "https://whatsapp.com/channel/rights-in-action-demo",
    # The optional boxes under every campaign's form (campaigns.signing.opt_ins).
    "campaign_updates_opt_in": (
        "Yes, email me news of this campaign. We will tell you when your letter reaches "
        "the authorities."
    ),
    "other_campaigns_opt_in": (
        "Yes, email me about other Rights in Action campaigns. You can stop at any time."
    ),
    # Offered after signing (campaigns.next_steps) unless a campaign gives its own.
    "donation_url": "https://example.org/rights-in-action/donate",
    "donation_label": "Give to Rights in Action",
    "donation_text": (
        "Your gift pays for the research and the letters behind every action on this site."
    ),
}

PRIVACY = {
    "title": "Privacy notice",
    "slug": "privacy",
    "body": (
        "<p>When you sign an action, we keep your name, email address, country and message, "
        "the consent you gave and the language you signed in.</p>"
        "<p>We deliver your name and message to the authorities the action is addressed to, "
        "and use your email address only to thank you and, if you agreed, to tell you how the "
        "campaign goes.</p>"
        "<p>We erase your details when the campaign's retention period ends, or sooner if you "
        "ask us to.</p>"
    ),
}

CONSENT_LABEL = "I agree that my name and message are delivered to the authorities"
CONSENT_HELP = "The campaign team keeps them for this action only."

HONG_KONG_LETTER = (
    "To the Chief Executive of Hong Kong,\n\n"
    "I am writing to ask you to protect the right of people in Hong Kong to gather peacefully "
    "and to speak freely.\n\n"
    "Please set up a fully independent body with the resources and powers to investigate the "
    "police's use of force during the protests, and make sure its findings are acted upon.\n\n"
    "Yours sincerely,"
)

CAMPAIGNS = [
    {
        "slug": "protect-rights-in-hong-kong",
        "title": "Protect the right to protest in Hong Kong",
        "summary": (
            "Protesters in Hong Kong have faced force for gathering peacefully, and no one has "
            "been held to account. Write to the government: ask for an independent inquiry and "
            "for the right to protest to be respected."
        ),
        "hero_image": "harbour-at-night",
        "hero_image_alt": "Tower blocks with their windows lit at night",
        "closes_in_days": None,
        "signature_goal": 10000,
        "paper_signatures": (1240, "Collected at street stalls"),
        "to_address": "campaigns-team@example.org",
        "share_text": (
            "I wrote to the Hong Kong government to defend the right to protest. Add your voice:"
        ),
        "thank_you_text": (
            "<p>Your message is on its way. Together, our letters show the authorities that the "
            "world is watching. Please share this action with a friend.</p>"
        ),
        # The editor's order after signing: share first, then another campaign, then the
        # organisation's donation link (its own words, from the settings).
        "next_steps": [
            {"type": "share", "value": None},
            {"type": "campaign", "value": {"page": None}},
            {"type": "donation", "value": {"label": "", "text": "", "url": ""}},
        ],
        "body": [
            {
                "type": "background",
                "value": {
                    "heading": "What happened",
                    "text": (
                        "<p>In 2019, more than a million people marched against a bill that would "
                        "have allowed transfers of suspects to mainland China. The bill was "
                        "eventually withdrawn, but the people who spoke out still face threats "
                        "to their freedom to assemble and to express themselves.</p>"
                        "<p>Observers documented police using tear gas, batons and rubber bullets "
                        "against crowds that were overwhelmingly peaceful, arresting protesters "
                        "on loosely defined charges, mistreating people in custody, and failing "
                        "to step in when protesters were attacked by others.</p>"
                    ),
                    "image": "crowd",
                    "image_alt": "A crowd of protesters holding yellow placards at dusk.",
                    "caption": "Demonstrators gather in the city centre.",
                    "credit": "Illustration: Campaigns portal demo",
                },
            },
            {
                "type": "background",
                "value": {
                    "heading": "Why an independent inquiry",
                    "text": (
                        "<p>Allegations this serious and this widespread call for a full, "
                        "independent investigation. A commission of inquiry with enough "
                        "resources and real investigative powers is the first step towards "
                        "accountability and justice, and its recommendations can stop the "
                        "same abuses from happening again.</p>"
                    ),
                },
            },
            {
                "type": "quote",
                "value": {
                    "quote": "We came out to be heard, not to be hurt.",
                    "attribution": "A student protester",
                },
            },
            {
                "type": "demands",
                "value": {
                    "heading": "",
                    "target": "the Hong Kong government",
                    "introduction": "<p>We call on the Hong Kong government to act now and:</p>",
                    "demands": [
                        "Set up a fully independent mechanism to investigate the police's use "
                        "of force and other abuses.",
                        "Respect and protect the rights to freedom of expression, association "
                        "and peaceful assembly.",
                    ],
                },
            },
            {
                "type": "action_form",
                "value": {
                    "heading": "Write to the government",
                    "introduction": (
                        "<p>We have drafted a message for you. Make it your own, then send it.</p>"
                    ),
                    "button_label": "Send my message",
                },
            },
            {
                "type": "closure_notice",
                "value": {
                    "heading": "This action is closed",
                    "text": (
                        "<p>Thank you for your support. This action has now closed, and the "
                        "messages have been delivered.</p>"
                    ),
                    "campaigns": [],
                },
            },
        ],
        "form_fields": [
            {"label": "First name", "field_type": "singleline", "required": True},
            {"label": "Last name", "field_type": "singleline", "required": True},
            {"label": "Email", "field_type": "email", "required": True},
            {"label": "Country", "field_type": "country", "required": True},
            {
                "label": "Your message",
                "field_type": "multiline",
                "required": True,
                "default_value": HONG_KONG_LETTER,
                "help_text": "You can edit the message before sending it.",
            },
            {
                "label": CONSENT_LABEL,
                "field_type": "checkbox",
                "required": True,
                "help_text": CONSENT_HELP,
            },
        ],
    },
    {
        "slug": "free-the-jailed-journalists",
        "title": "Free the journalists jailed for their reporting",
        "summary": (
            "Reporters are in prison for doing their job. Sign our petition asking for their "
            "immediate release."
        ),
        "hero_image": "letters",
        "hero_image_alt": "Letters and cards spread across a table",
        "share_text": "Journalists are in prison for doing their job. Sign for their release:",
        "closes_in_days": 60,
        # Reached, so the goal has moved up to the next step (campaigns.models.goals): the page
        # says "We reached 2,000 signatures! Help us reach 5,000."
        "signature_goal": 2000,
        "raise_goal_when_reached": True,
        "paper_signatures": (2140, "Signed at the press freedom vigil"),
        "to_address": "campaigns-team@example.org",
        "thank_you_text": (
            "<p>Thank you for signing. We will deliver every signature when the petition "
            "closes.</p>"
        ),
        # A donation link of its own first, then sharing and another campaign.
        "next_steps": [
            {
                "type": "donation",
                "value": {
                    "label": "Give to defend press freedom",
                    "text": (
                        "Lawyers, prison visits and letters cost money. Your gift keeps them "
                        "going until every journalist is free."
                    ),
                    "url": "",
                },
            },
            {"type": "share", "value": None},
            {"type": "campaign", "value": {"page": None}},
        ],
        "body": [
            {
                "type": "background",
                "value": {
                    "heading": "Reporting is not a crime",
                    "text": (
                        "<p>In the past year, several journalists have been jailed on charges "
                        "that punish them for their work. Their families have not been told "
                        "when they will be released.</p>"
                    ),
                },
            },
            {
                "type": "demands",
                "value": {
                    "heading": "",
                    "target": "the authorities",
                    "introduction": "",
                    "demands": [
                        "Release every journalist held for their reporting, immediately and "
                        "without conditions.",
                        "Drop all charges against them.",
                    ],
                },
            },
            {
                "type": "action_form",
                "value": {
                    "heading": "Sign the petition",
                    "introduction": "",
                    "button_label": "Sign now",
                },
            },
            {
                "type": "closure_notice",
                "value": {
                    "heading": "This petition is closed",
                    "text": "<p>Thank you to everyone who signed.</p>",
                    "campaigns": [],
                },
            },
        ],
        "form_fields": [
            {"label": "Full name", "field_type": "singleline", "required": True},
            {"label": "Email", "field_type": "email", "required": True},
            {
                "label": CONSENT_LABEL,
                "field_type": "checkbox",
                "required": True,
                "help_text": CONSENT_HELP,
            },
        ],
    },
    {
        "slug": "end-forced-evictions",
        "title": "Stop the forced evictions",
        "summary": (
            "Families were removed from their homes without notice or compensation. This action "
            "has closed: thank you to everyone who took part."
        ),
        "hero_image": "dawn",
        "hero_image_alt": "The sun rising over a line of hills",
        "closed_on": "2025-06-30T18:00:00+08:00",
        # "More than 12,000 people signed", as its closure notice says.
        "signature_goal": 10000,
        "paper_signatures": (12480, "Letters handed in at the community centre"),
        "to_address": "campaigns-team@example.org",
        "thank_you_text": "<p>Thank you for taking action.</p>",
        "body": [
            {
                "type": "background",
                "value": {
                    "heading": "Homes lost overnight",
                    "text": (
                        "<p>Hundreds of families were evicted to make way for a development "
                        "project. Many are still waiting for new homes.</p>"
                    ),
                },
            },
            {
                "type": "action_form",
                "value": {
                    "heading": "Add your name",
                    "introduction": "",
                    "button_label": "Sign now",
                },
            },
            {
                "type": "closure_notice",
                "value": {
                    "heading": "This action is closed",
                    "text": (
                        "<p>Thank you for your support. More than 12,000 people signed, and "
                        "the petition was handed to the housing ministry.</p>"
                    ),
                    "campaigns": [],
                },
            },
        ],
        "form_fields": [
            {"label": "Full name", "field_type": "singleline", "required": True},
            {"label": "Email", "field_type": "email", "required": True},
        ],
    },
]

# A partner whose site frames the sign form (organisation.partners): fictional, on loopback,
# so that `make run` shows the embed working from a page served on port 8001.
PARTNER = {
    "name": "Harbour Rights Network (fictional partner)",
    "slug": "harbour-rights",
    "origins": "http://127.0.0.1:8001\nhttp://localhost:8001",
}
