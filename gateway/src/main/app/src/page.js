// What both pages do when they open: language, the app's configuration, the way back from the issuer.
import { $, showError } from './dom.js';
import { t, translate, languageButton, language } from './i18n.js';
import { appConfig, startLogin, finishLogin, logout } from './session.js';

/**
 * Sets the page up; `wireLogin(login)` connects the page's login control to `login(scope, redirectUri, extra)`.
 * Resolves to { config, logged }: `logged` is the session when the page was opened by a login redirect, else null;
 * the whole result is null when the page cannot work (reason shown).
 */
export async function openPage(redraw, wireLogin) {
  translate();
  languageButton($('language'), redraw);
  let config;
  try {
    config = await appConfig();
  } catch (e) {
    showError(e.message);
    return null;
  }
  wireLogin(async (scope, redirectUri, extra) => {
    try {
      await startLogin(config, scope, redirectUri, extra, language);
    } catch (e) {
      showError(`${t('login.failed')}: ${e.message}`);
    }
  });
  $('logout').addEventListener('click', () => { logout(); location.reload(); });
  try {
    return { config, logged: await finishLogin(config) };
  } catch (e) {
    showError(`${t('login.failed')}: ${e.message}`);
    return null;
  }
}
