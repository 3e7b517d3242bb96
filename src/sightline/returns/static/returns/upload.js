// Check a return file: show how much of a large file has been sent, then that it is being
// checked. Progressive enhancement only: without this script the form posts as usual, and if
// anything here fails the form is posted the ordinary way.
(function () {
  "use strict";
  var form = document.querySelector("form[data-upload-form]");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var status = form.querySelector("[data-upload-status]");
  var button = form.querySelector("button[type=submit]");

  function megabytes(bytes) {
    return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0) + " MB";
  }

  function say(text) {
    status.hidden = false;
    status.textContent = text;
  }

  form.addEventListener("submit", function (event) {
    var input = form.querySelector("input[type=file]");
    if (!input || !input.files || input.files.length !== 1) return; // the server says what is missing
    event.preventDefault();
    var file = input.files[0];
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.responseType = "text";
    request.upload.addEventListener("progress", function (progress) {
      if (!progress.lengthComputable) return;
      var percent = Math.floor((100 * progress.loaded) / progress.total);
      say("Uploading " + file.name + ": " + percent + "% of " + megabytes(progress.total) + " sent.");
    });
    request.upload.addEventListener("load", function () {
      say("Uploaded. Checking " + file.name + ": a large return takes a minute or two. Keep this page open.");
    });
    request.addEventListener("load", function () {
      // The answer is the whole page: the file's faults, or its check.
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", function () {
      form.submit();
    });
    button.disabled = true;
    say("Uploading " + file.name + " (" + megabytes(file.size) + ").");
    request.send(new FormData(form));
  });
})();
