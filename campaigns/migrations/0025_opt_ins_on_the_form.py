"""The optional opt-ins under a campaign's form: on for new campaigns, off for those that
exist, whose live form should not change without an editor choosing it."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0024_opt_ins'),
    ]

    operations = [
        migrations.AddField(
            model_name='campaignpage',
            name='ask_campaign_updates',
            field=models.BooleanField(default=False, help_text="Adds an optional checkbox under the consent box, never ticked in advance: supporters who tick it agree to be emailed news of this campaign. Without their tick, the law (Hong Kong's PDPO and the GDPR) lets us write to them only about their signature.", verbose_name='Ask for consent to send updates about this campaign'),
        ),
        migrations.AddField(
            model_name='campaignpage',
            name='ask_other_campaigns',
            field=models.BooleanField(default=False, help_text="Adds a second optional checkbox, never ticked in advance: supporters who tick it agree to hear about the organisation's other campaigns. Its words are the organisation's (Settings → Organisation settings).", verbose_name="Ask for consent to write about the organisation's other campaigns"),
        ),
        migrations.AddField(
            model_name='campaignpage',
            name='campaign_updates_words',
            field=models.CharField(blank=True, help_text="Optional. Leave empty for the organisation's words (“Email me updates about this campaign.” unless changed in the organisation settings). Translators translate your words with the rest of the page. The words each supporter ticked are kept with their signature, so changing them later changes nothing for those who have already signed.", max_length=300, verbose_name='words of the campaign-updates checkbox'),
        ),
        migrations.AlterField(
            model_name='campaignpage',
            name='ask_campaign_updates',
            field=models.BooleanField(default=True, help_text="Adds an optional checkbox under the consent box, never ticked in advance: supporters who tick it agree to be emailed news of this campaign. Without their tick, the law (Hong Kong's PDPO and the GDPR) lets us write to them only about their signature.", verbose_name='Ask for consent to send updates about this campaign'),
        ),
        migrations.AlterField(
            model_name='campaignpage',
            name='ask_other_campaigns',
            field=models.BooleanField(default=True, help_text="Adds a second optional checkbox, never ticked in advance: supporters who tick it agree to hear about the organisation's other campaigns. Its words are the organisation's (Settings → Organisation settings).", verbose_name="Ask for consent to write about the organisation's other campaigns"),
        ),
    ]
