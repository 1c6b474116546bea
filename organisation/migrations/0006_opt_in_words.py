"""The organisation's words for the optional opt-ins under every campaign's form."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisation', '0005_partners'),
        ('campaigns', '0024_opt_ins'),
    ]

    operations = [
        migrations.AddField(
            model_name='organisationsettings',
            name='campaign_updates_opt_in',
            field=models.CharField(blank=True, help_text='Optional. The checkbox supporters may tick, under the form, to hear how the campaign they signed goes on: “Email me updates about this campaign.” if empty. A campaign can use words of its own (its Action form tab). Never ticked in advance; the words a supporter ticked are kept with their signature.', max_length=300, verbose_name='words asking to send updates about the campaign'),
        ),
        migrations.AddField(
            model_name='organisationsettings',
            name='other_campaigns_opt_in',
            field=models.CharField(blank=True, help_text='Optional. The checkbox supporters may tick to hear about your other campaigns: “Email me about other campaigns of {organisation}.” if empty, with your name above in place of {organisation}. Never ticked in advance; the words a supporter ticked are kept with their signature.', max_length=300, verbose_name='words asking to write about other campaigns'),
        ),
    ]
