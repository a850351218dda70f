// "Copy" buttons next to class join codes in the admin: put the code on the clipboard.
// A file, not an inline script: the site's Content Security Policy allows only scripts served by the site.
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest(".join-code__copy");
  if (!button || !navigator.clipboard) {
    return;
  }
  navigator.clipboard.writeText(button.dataset.copy).then(() => {
    const label = button.textContent;
    button.textContent = button.dataset.copied;
    window.setTimeout(() => { button.textContent = label; }, 2000);
  });
});
