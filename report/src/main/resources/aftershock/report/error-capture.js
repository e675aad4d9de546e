/* Aftershock report: collects script errors and console.error calls into #report-errors (hidden), so that a test
   loading the page in a browser can read them. Runs before anything else on the page. */
(function () {
  'use strict';
  var pending = [];
  function record(message) {
    var el = document.getElementById('report-errors');
    if (el) {
      el.textContent += message + '\n';
    } else {
      pending.push(message);
    }
  }
  window.onerror = function (message, source, line, column) {
    record('error: ' + message + ' (' + (source || 'inline') + ':' + line + ':' + column + ')');
  };
  window.addEventListener('unhandledrejection', function (event) {
    record('unhandled rejection: ' + (event && event.reason));
  });
  var consoleError = console.error;
  console.error = function () {
    record('console.error: ' + Array.prototype.map.call(arguments, String).join(' '));
    if (consoleError) {
      consoleError.apply(console, arguments);
    }
  };
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('report-errors');
    for (var i = 0; i < pending.length; i++) {
      el.textContent += pending[i] + '\n';
    }
    pending = [];
  });
})();
