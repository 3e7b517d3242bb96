/*
 * Sightline drafts: a recording form saves what has been typed to the server as it is typed.
 *
 * A form opts in with data-draft-url (the autosave endpoint for this form and child) and holds
 * an element with data-draft-status, where "Draft saved at 10:32:05" is announced politely. The
 * draft is the server's: reloading the page, a browser crash or signing in again after the
 * session timed out brings it back, on any machine. No inline script, as the CSP requires.
 */
(function () {
  'use strict'

  var DELAY_MS = 800

  function start (form) {
    var url = form.getAttribute('data-draft-url')
    var status = form.querySelector('[data-draft-status]')
    var timer = null
    var inFlight = false
    var again = false

    function say (text) {
      if (status) {
        status.textContent = text
      }
    }

    function save () {
      if (inFlight) {
        again = true
        return
      }
      inFlight = true
      var body = new FormData(form)
      var token = form.querySelector('input[name="csrfmiddlewaretoken"]')
      fetch(url, {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        redirect: 'manual',
        headers: token ? { 'X-CSRFToken': token.value } : {}
      }).then(function (response) {
        if (response.ok) {
          return response.json().then(function (answer) {
            say('Draft saved at ' + answer.saved_at)
          })
        }
        say('Your draft could not be saved just now. Keep this page open; it will try again.')
      }).catch(function () {
        say('Your draft could not be saved just now. Keep this page open; it will try again.')
      }).then(function () {
        inFlight = false
        if (again) {
          again = false
          schedule()
        }
      })
    }

    function schedule () {
      window.clearTimeout(timer)
      timer = window.setTimeout(save, DELAY_MS)
    }

    form.addEventListener('input', schedule)
    form.addEventListener('change', schedule)
  }

  var forms = document.querySelectorAll('form[data-draft-url]')
  for (var i = 0; i < forms.length; i++) {
    start(forms[i])
  }
})()
