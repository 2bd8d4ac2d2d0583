/** What to tell a facilitator when a call about the board's keys failed. */

import { ApiFailure } from '../../api/http-api';
import { t } from '../../i18n/translate.svelte';

export function keyFailureText(error: unknown): string {
  const code = error instanceof ApiFailure ? error.code : 'network';
  switch (code) {
    case 'network':
      return t('errorNetwork');
    // The key this browser holds was revoked, or is not a facilitator's.
    case 'bad_token':
    case 'forbidden':
      return t('keysErrorNoAccess');
    case 'limit_reached':
      return t('keysErrorLimit');
    case 'invalid_field':
    case 'invalid_request':
      return t('keysErrorInvalidName');
    default:
      return t('errorServer');
  }
}
