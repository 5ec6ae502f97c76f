// Loaded at the top of <body>, before anything is drawn, so components that JavaScript enhances never
// flash unenhanced. A file rather than an inline script: the Content-Security-Policy allows no inline script.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
