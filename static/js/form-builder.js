// The form builder in the page editor (campaigns/models/form_builder_panel.py): a Stimulus
// controller on Wagtail's InlinePanel of form fields, registered with Wagtail's own application.
//
// - Each field is headed "1. Email — Email" (its number, label and type), not "Form fields 1".
//   Wagtail's InlinePanel keeps writing the number into [data-inline-panel-child-count]; the
//   rest of the heading is ours.
// - Choices appear only for the types that have them, Default value only where it means
//   something (never for a checkbox: consent is given, not pre-ticked). The builder ignores
//   what is hidden (campaigns/signing/forms.py), so a value left from another type is harmless.
// - "Add petition fields" fills the form with the usual fields, through the panel's own Add
//   button, so numbering, ordering and deleting work as for fields added by hand.
(() => {
  const { Controller } = window.StimulusModule;

  class FormBuilderController extends Controller {
    static targets = ['preset'];

    static values = {
      preset: Array,
      choiceTypes: Array,
      defaultTypes: Array,
      untitled: String,
    };

    connect() {
      this.children().forEach((child) => this.update(child));
    }

    // w-formset:added, from Wagtail's InlinePanel on the child it added.
    added(event) {
      this.update(event.target);
    }

    changed(event) {
      const name = event.target.name || '';
      const child = event.target.closest('[data-inline-panel-child]');
      if (child && (name.endsWith('-label') || name.endsWith('-field_type'))) {
        this.update(child);
      }
    }

    children() {
      return [...this.element.querySelectorAll('[data-inline-panel-child]')].filter(
        (child) => !child.closest('template'),
      );
    }

    input(child, name) {
      return child.querySelector(`[name$="-${name}"]`);
    }

    update(child) {
      const type = this.input(child, 'field_type');
      const label = this.input(child, 'label');
      if (!type || !label) return;
      this.showFor(child, '.formbuilder-choices', this.choiceTypesValue.includes(type.value));
      this.showFor(child, '.formbuilder-default', this.defaultTypesValue.includes(type.value));
      this.head(child, label.value.trim(), type.value ? type.selectedOptions[0].text : '');
    }

    showFor(child, selector, shown) {
      const wrapper = child.querySelector(selector);
      if (wrapper) wrapper.hidden = !shown;
    }

    head(child, label, typeName) {
      const count = child.querySelector('[data-inline-panel-child-count]');
      if (!count) return;
      const heading = count.parentElement;
      let summary = heading.querySelector('[data-form-builder-summary]');
      if (!summary) {
        // Wagtail's heading is the panel's label ("Form fields") then the count: keep the count.
        heading.replaceChildren(count, document.createTextNode('. '));
        summary = document.createElement('span');
        summary.dataset.formBuilderSummary = '';
        heading.append(summary);
      }
      summary.textContent = [label || this.untitledValue, typeName].filter(Boolean).join(' — ');
    }

    addPetitionFields() {
      const addButton = this.element.querySelector('[id$="-ADD"]');
      const blank = this.children().filter(
        (child) =>
          !child.classList.contains('deleted') && !this.input(child, 'label').value.trim(),
      );
      const filled = this.presetValue.map((field) => {
        let child = blank.shift();
        if (!child) {
          addButton.click();
          const children = this.children();
          child = children[children.length - 1];
        }
        this.fill(child, field);
        return child;
      });
      if (this.hasPresetTarget) this.presetTarget.hidden = true;
      this.input(filled[0], 'label').focus();
    }

    fill(child, field) {
      this.input(child, 'label').value = field.label;
      this.input(child, 'help_text').value = field.help_text || '';
      this.input(child, 'required').checked = field.required;
      const type = this.input(child, 'field_type');
      type.value = field.field_type;
      // As if the editor had chosen it: Wagtail's dirty-form check and our heading both listen.
      type.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }

  window.wagtail.app.register('form-builder', FormBuilderController);
})();
