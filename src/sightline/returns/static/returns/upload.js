// Check a return file: show how much of a large file has been sent, then that it is being
// checked, and put the answer (the file's faults, or its check) in the page's main content.
//
// Progressive enhancement only: without this module the form posts as usual, and if the request
// cannot be made the form is posted the ordinary way. Only <main> is replaced, so the header,
// navigation and the idle-timeout warning carry on as they were; GOV.UK Frontend is started on
// the new content (the error summary then takes focus, as on a full page load).
import { initAll } from "../vendor/govuk/govuk-frontend.min.js";

function megabytes(bytes) {
  return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0) + " MB";
}

function show(responseText) {
  const next = new DOMParser().parseFromString(responseText, "text/html");
  const main = next.getElementById("main-content");
  if (!main) {
    // Not a page of the service (a proxy's error, say): show it whole.
    document.documentElement.replaceWith(document.adoptNode(next.documentElement));
    return;
  }
  const current = document.getElementById("main-content");
  const adopted = document.adoptNode(main);
  current.replaceWith(adopted);
  document.title = next.title;
  window.scrollTo(0, 0);
  initAll({ scope: adopted });
  if (!adopted.querySelector(".govuk-error-summary")) {
    const heading = adopted.querySelector("h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  }
  enhance(adopted.querySelector("form[data-upload-form]"));
}

function enhance(form) {
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  const status = form.querySelector("[data-upload-status]");
  const button = form.querySelector("button[type=submit]");
  const say = (text) => {
    status.hidden = false;
    status.textContent = text;
  };

  form.addEventListener("submit", (event) => {
    const input = form.querySelector("input[type=file]");
    if (!input || !input.files || input.files.length !== 1) return; // the server says what is missing
    event.preventDefault();
    const file = input.files[0];
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.upload.addEventListener("progress", (progress) => {
      if (!progress.lengthComputable) return;
      const percent = Math.floor((100 * progress.loaded) / progress.total);
      say(`Uploading ${file.name}: ${percent}% of ${megabytes(progress.total)} sent.`);
    });
    request.upload.addEventListener("load", () => {
      say(`Uploaded. Checking ${file.name}: a large return takes a minute or two. Keep this page open.`);
    });
    request.addEventListener("load", () => show(request.responseText));
    request.addEventListener("error", () => form.submit());
    button.disabled = true;
    say(`Uploading ${file.name} (${megabytes(file.size)}).`);
    request.send(new FormData(form));
  });
}

enhance(document.querySelector("form[data-upload-form]"));
