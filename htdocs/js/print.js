/* Print buttons: the only script on the site (pages work without it). */
document.addEventListener('DOMContentLoaded', function () {
  var buttons = document.querySelectorAll('button.print');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function () { window.print(); });
  }
});
