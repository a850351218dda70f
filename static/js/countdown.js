/* Countdown for a timed attempt. The deadline is enforced on the server; this
   only shows the time left, announces the last minutes to screen readers, and
   sends the answers when time is up so nothing typed is lost. */
(function () {
  "use strict";
  var clock = document.getElementById("countdown");
  var form = document.getElementById("attempt-form");
  if (!clock || !form) { return; }
  var deadline = Date.parse(clock.getAttribute("data-deadline"));
  if (isNaN(deadline)) { return; }
  var shown = clock.querySelector(".countdown__left");
  var announce = clock.querySelector(".countdown__announce");
  var warnAt = [10, 5, 1];
  var sent = false;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    var left = deadline - Date.now();
    if (left <= 0) {
      shown.textContent = clock.getAttribute("data-done-text");
      announce.textContent = clock.getAttribute("data-done-text");
      if (!sent) {
        sent = true;
        var submit = form.querySelector('button[value="submit"]');
        if (form.requestSubmit) { form.requestSubmit(submit); } else { submit.click(); }
      }
      return;
    }
    var seconds = Math.floor(left / 1000);
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    shown.textContent = (hours ? hours + ":" + pad(minutes) : minutes) + ":" + pad(seconds % 60) + " " +
      clock.getAttribute("data-left-text");
    var wholeMinutes = Math.ceil(seconds / 60);
    if (warnAt.length && wholeMinutes <= warnAt[0]) {
      while (warnAt.length && wholeMinutes <= warnAt[0]) { warnAt.shift(); }
      announce.textContent = wholeMinutes === 1 ? clock.getAttribute("data-warning-one-text") :
        wholeMinutes + " " + clock.getAttribute("data-warning-text");
    }
    clock.classList.toggle("countdown--urgent", seconds < 120);
    window.setTimeout(tick, 1000 - (left % 1000));
  }
  tick();
})();
