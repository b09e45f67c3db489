import {
  claimedByFromMessage,
  errorForStatus,
  isAlreadyClaimed,
} from '../../../../src-main/cloud/statusErrors';

describe('status classification', () => {
  it.each([
    [409, undefined, true],
    [400, 'Device has already been claimed', true],
    [403, 'device is already owned', true],
    [400, 'Invalid claim token', false],
    [403, 'Forbidden', false],
  ])('isAlreadyClaimed(%d, %j) is %s', (status, message, expected) => {
    expect(isAlreadyClaimed(status, message)).toBe(expected);
  });

  it.each([
    ['Device abc is already claimed by your team', 'you'],
    ['already claimed by you', 'you'],
    ['Device is already claimed by another account', 'other'],
    ['claimed by a different tenant', 'other'],
    ['Conflict', 'unknown'],
    [undefined, 'unknown'],
  ])('claimedByFromMessage(%j) is %s', (message, expected) => {
    expect(claimedByFromMessage(message)).toBe(expected);
  });

  it.each([
    ['account', 401, undefined, 'API_KEY_REJECTED'],
    ['account', 403, 'Forbidden', 'API_KEY_REJECTED'],
    ['claim', 401, undefined, 'API_KEY_REJECTED'],
    ['claim', 403, 'Invalid API key', 'API_KEY_REJECTED'],
    ['claim', 403, 'Forbidden', 'ROLE_CANNOT_CLAIM'],
    ['claim', 400, 'expired token', 'CLAIM_TOKEN_INVALID'],
    ['dry run', 422, 'bad token', 'CLAIM_TOKEN_INVALID'],
    ['unclaim', 404, undefined, 'NOT_FOUND'],
    ['claim', 404, undefined, 'UNEXPECTED_RESPONSE'],
    ['account', 418, undefined, 'UNEXPECTED_RESPONSE'],
  ] as const)('%s answered %d (%j) is %s', (operation, status, message, code) => {
    expect(errorForStatus(operation, status, message, 'api.example', 'raw').code).toBe(code);
  });

  it('points at the URL setting on a 404', () => {
    expect(errorForStatus('account', 404, undefined, 'api.example', '').message).toMatch(
      /Check the API URL \(api.example\)/,
    );
  });
});
