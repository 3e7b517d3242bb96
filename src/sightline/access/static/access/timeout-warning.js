/*
 * Sightline idle-timeout warning.
 *
 * The server ends a session after SESSION_COOKIE_AGE seconds without a request. Two minutes
 * before that, this shows a modal dialog (GOV.UK styles) with a "Stay signed in" button that
 * pings the keep-alive endpoint. If the session runs out anyway, whatever the user had typed
 * into the page's forms is kept in sessionStorage (this tab only, gone when the tab closes) and
 * put back when they return to the same page after signing in again: "never lose what I typed".
 *
 * A draft is kept under its owner's key (data-draft-owner, an opaque per-user name the server
 * renders), so it is put back only for the user who typed it: if someone else signs in at the
 * same tab, they get none of it, and it waits, untouched, for its owner to sign in again. Drafts
 * older than a working day are dropped whoever owns them.
 *
 * Activated by an element the page shell renders for signed-in users:
 *   <div data-module="sl-timeout-warning" data-idle-seconds="1800"
 *        data-keep-alive-url="/access/session/keep-alive/" data-login-url="/login/"
 *        data-draft-owner="3f9c…" hidden></div>
 *
 * No inline script or style anywhere, as the Content-Security-Policy requires.
 */
(function () {
  'use strict'

  var WARN_BEFORE_SECONDS = 120
  var ANNOUNCE_EVERY_SECONDS = 30
  var DRAFT_PREFIX = 'sightline:draft:'
  var ACTIVITY_KEY = 'sightline:last-activity'
  // A draft older than a working day is more likely stale than wanted.
  var DRAFT_MAX_AGE_MS = 8 * 60 * 60 * 1000

  var root = document.querySelector('[data-module="sl-timeout-warning"]')
  if (!root) {
    return
  }
  var idleSeconds = parseInt(root.getAttribute('data-idle-seconds'), 10)
  var keepAliveUrl = root.getAttribute('data-keep-alive-url')
  var loginUrl = root.getAttribute('data-login-url')
  var owner = root.getAttribute('data-draft-owner')
  if (!idleSeconds || !keepAliveUrl || !loginUrl || !owner) {
    return
  }

  // sightline:draft:<owner>:<path and query>; a key without an owner (an older version of
  // this script) is never put back, only dropped when it is old.
  var ownerPrefix = DRAFT_PREFIX + owner + ':'
  var pageKey = ownerPrefix + window.location.pathname + window.location.search
  var dialog = null
  var countdown = null
  var announcer = null
  var warnTimer = null
  var tickTimer = null

  // --- Time since the last request, shared by every tab of this browser ----------------------

  function now () {
    return Date.now()
  }

  function lastActivity () {
    var shared = 0
    try {
      shared = parseInt(window.localStorage.getItem(ACTIVITY_KEY), 10) || 0
    } catch (e) {
      // Storage can be blocked by browser policy; fall back to this tab's own clock.
    }
    return Math.max(shared, pageLoadedAt)
  }

  function recordActivity () {
    pageLoadedAt = now()
    try {
      window.localStorage.setItem(ACTIVITY_KEY, String(pageLoadedAt))
    } catch (e) {}
  }

  function secondsLeft () {
    return Math.round(idleSeconds - (now() - lastActivity()) / 1000)
  }

  // --- Drafts: what the user typed, kept across a forced sign-in ---------------------------------

  function draftableFields (form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      if (!field.name || field.disabled) {
        return false
      }
      var type = (field.type || '').toLowerCase()
      return ['password', 'hidden', 'file', 'submit', 'button', 'reset', 'image'].indexOf(type) === -1
    })
  }

  function draftForms () {
    // Only forms that record something; searches and sign-out are not drafts.
    return Array.prototype.filter.call(document.forms, function (form) {
      return (form.method || '').toLowerCase() === 'post' &&
        form.getAttribute('role') !== 'search' &&
        !form.hasAttribute('data-sl-no-draft')
    })
  }

  function draftSave () {
    var forms = []
    var typedSomething = false
    draftForms().forEach(function (form, index) {
      var values = []
      draftableFields(form).forEach(function (field) {
        var type = (field.type || '').toLowerCase()
        if (type === 'checkbox' || type === 'radio') {
          values.push({ name: field.name, value: field.value, checked: field.checked })
        } else if (field.value) {
          typedSomething = true
          values.push({ name: field.name, value: field.value })
        }
      })
      forms.push({ index: index, action: form.getAttribute('action') || '', values: values })
    })
    if (!typedSomething) {
      return
    }
    try {
      window.sessionStorage.setItem(pageKey, JSON.stringify({ savedAt: now(), forms: forms }))
    } catch (e) {}
  }

  function draftRestore () {
    var draft = null
    try {
      draft = JSON.parse(window.sessionStorage.getItem(pageKey))
      window.sessionStorage.removeItem(pageKey)
    } catch (e) {
      return
    }
    if (!draft || !draft.forms || now() - draft.savedAt > DRAFT_MAX_AGE_MS) {
      return
    }
    var forms = draftForms()
    var restored = false
    draft.forms.forEach(function (saved) {
      var form = forms[saved.index]
      if (!form || (form.getAttribute('action') || '') !== saved.action) {
        return
      }
      var fields = draftableFields(form)
      saved.values.forEach(function (item) {
        fields.forEach(function (field) {
          if (field.name !== item.name) {
            return
          }
          var type = (field.type || '').toLowerCase()
          if (type === 'checkbox' || type === 'radio') {
            if (field.value === item.value) {
              field.checked = item.checked
            }
          } else if (!field.value) {
            field.value = item.value
            restored = true
          }
        })
      })
    })
    if (restored) {
      restoredBannerShow()
    }
  }

  function restoredBannerShow () {
    var main = document.getElementById('main-content') || document.body
    var banner = document.createElement('div')
    banner.className = 'govuk-notification-banner'
    banner.setAttribute('role', 'region')
    banner.setAttribute('aria-labelledby', 'sl-draft-restored-title')
    banner.innerHTML =
      '<div class="govuk-notification-banner__header">' +
      '<h2 class="govuk-notification-banner__title" id="sl-draft-restored-title">Important</h2>' +
      '</div><div class="govuk-notification-banner__content">' +
      '<p class="govuk-notification-banner__heading">You were signed out, but what you typed has been put back.</p>' +
      '<p class="govuk-body">Check it, then save it. It has not been saved yet.</p></div>'
    main.insertBefore(banner, main.firstChild)
    banner.setAttribute('tabindex', '-1')
    banner.focus()
  }

  function draftsForget () {
    // This user's drafts only: another user's, kept in this tab, are theirs to come back for.
    try {
      Object.keys(window.sessionStorage).forEach(function (key) {
        if (key.indexOf(ownerPrefix) === 0) {
          window.sessionStorage.removeItem(key)
        }
      })
    } catch (e) {}
  }

  function draftsExpire () {
    // Whoever owns them, drafts past their age are dropped: stale, and not to linger.
    try {
      Object.keys(window.sessionStorage).forEach(function (key) {
        if (key.indexOf(DRAFT_PREFIX) !== 0) {
          return
        }
        var draft = null
        try {
          draft = JSON.parse(window.sessionStorage.getItem(key))
        } catch (e) {}
        if (!draft || !draft.savedAt || now() - draft.savedAt > DRAFT_MAX_AGE_MS) {
          window.sessionStorage.removeItem(key)
        }
      })
    } catch (e) {}
  }

  // --- The dialog -----------------------------------------------------------------------------

  function minutesAndSeconds (seconds) {
    var minutes = Math.floor(seconds / 60)
    var rest = seconds % 60
    var parts = []
    if (minutes) {
      parts.push(minutes + (minutes === 1 ? ' minute' : ' minutes'))
    }
    if (rest || !minutes) {
      parts.push(rest + (rest === 1 ? ' second' : ' seconds'))
    }
    return parts.join(' ')
  }

  function dialogBuild () {
    dialog = document.createElement('dialog')
    dialog.className = 'sl-timeout-dialog'
    dialog.setAttribute('aria-labelledby', 'sl-timeout-heading')
    dialog.setAttribute('aria-describedby', 'sl-timeout-text')
    dialog.innerHTML =
      '<h2 class="govuk-heading-m" id="sl-timeout-heading">You are about to be signed out</h2>' +
      '<p class="govuk-body" id="sl-timeout-text" aria-hidden="true">For your security, we will sign you out in ' +
      '<strong class="sl-timeout-dialog__countdown"></strong>.</p>' +
      '<p class="govuk-visually-hidden" aria-live="polite" aria-atomic="true"></p>' +
      '<p class="govuk-body">Anything you have typed and not saved will be kept in this browser tab and put back when you sign in again.</p>' +
      '<div class="govuk-button-group">' +
      '<button type="button" class="govuk-button" data-module="govuk-button" data-sl-stay>Stay signed in</button>' +
      '<a class="govuk-link" href="#" data-sl-sign-out>Sign out</a>' +
      '</div>'
    countdown = dialog.querySelector('.sl-timeout-dialog__countdown')
    announcer = dialog.querySelector('[aria-live]')
    dialog.querySelector('[data-sl-stay]').addEventListener('click', stay)
    dialog.querySelector('[data-sl-sign-out]').addEventListener('click', function (event) {
      event.preventDefault()
      signOut()
    })
    // Escape closes a modal dialog; here it means "I am still here".
    dialog.addEventListener('cancel', function (event) {
      event.preventDefault()
      stay()
    })
    document.body.appendChild(dialog)
  }

  function dialogOpen () {
    if (!dialog) {
      dialogBuild()
    }
    if (!dialog.open) {
      lastAnnounced = null
      dialog.showModal()
    }
  }

  function dialogClose () {
    if (dialog && dialog.open) {
      dialog.close()
    }
  }

  var lastAnnounced = null

  function tick () {
    var left = secondsLeft()
    if (left <= 0) {
      expire()
      return
    }
    if (left > WARN_BEFORE_SECONDS) {
      // Another tab kept the session alive.
      dialogClose()
      schedule()
      return
    }
    dialogOpen()
    countdown.textContent = minutesAndSeconds(left)
    if (lastAnnounced === null || lastAnnounced - left >= ANNOUNCE_EVERY_SECONDS) {
      lastAnnounced = left
      announcer.textContent = 'You will be signed out in ' + minutesAndSeconds(left) + '.'
    }
    tickTimer = window.setTimeout(tick, 1000)
  }

  function schedule () {
    window.clearTimeout(warnTimer)
    window.clearTimeout(tickTimer)
    var wait = Math.max(0, secondsLeft() - WARN_BEFORE_SECONDS)
    warnTimer = window.setTimeout(tick, wait * 1000)
  }

  // --- Actions --------------------------------------------------------------------------------

  function csrfToken () {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/)
    if (match) {
      return decodeURIComponent(match[1])
    }
    var input = document.querySelector('input[name="csrfmiddlewaretoken"]')
    return input ? input.value : ''
  }

  function stay () {
    window.fetch(keepAliveUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRFToken': csrfToken(), Accept: 'application/json' }
    }).then(function (response) {
      if (!response.ok) {
        expire()
        return
      }
      recordActivity()
      dialogClose()
      schedule()
    }).catch(function () {
      // The network failed; the countdown keeps running and the user can try again.
    })
  }

  function signInAgain () {
    var next = window.location.pathname + window.location.search
    window.location.assign(loginUrl + '?next=' + encodeURIComponent(next))
  }

  function expire () {
    draftSave()
    signInAgain()
  }

  function signOut () {
    // Leaving on purpose: nothing typed should stay in the browser.
    draftsForget()
    var logout = document.querySelector('form[action$="/logout/"]')
    if (logout) {
      logout.submit()
    } else {
      signInAgain()
    }
  }

  // --- Start ----------------------------------------------------------------------------------

  var pageLoadedAt = now()
  recordActivity()
  draftsExpire()
  draftRestore()
  schedule()

  // A form submitted normally has been saved (or shown again with errors): drop its draft.
  document.addEventListener('submit', function () {
    try {
      window.sessionStorage.removeItem(pageKey)
    } catch (e) {}
  })

  window.addEventListener('storage', function (event) {
    if (event.key === ACTIVITY_KEY) {
      schedule()
      if (secondsLeft() > WARN_BEFORE_SECONDS) {
        dialogClose()
      }
    }
  })

  // Timers sleep with the laptop lid; check at once when the page is seen again.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') {
      window.clearTimeout(warnTimer)
      window.clearTimeout(tickTimer)
      tick()
    }
  })
})()
