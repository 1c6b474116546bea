// The date and time picker opens when its field is clicked, not whenever it gets focus
// (publishing.times.ZonedDateTimeInput turns the picker's openOnFocus off): tabbing through
// the schedule dialog opened the expiry's picker over the "Save schedule" button. Keyboard
// users type the date and time; the picker is for the mouse and touch.
document.addEventListener('click', (event) => {
  const input = event.target.closest('.zoned-datetime input');
  if (input && window.jQuery) {
    window.jQuery(input).datetimepicker('show');
  }
});
