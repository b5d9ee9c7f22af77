'use strict';
// @forge/cli-shared imports keytar to keep Forge CLI credentials in the OS keychain.
// Preflight only runs @forge/lint offline, which never logs in; any call here is a bug.
const unavailable = () => Promise.reject(new Error('keytar is not available in Preflight (offline lint only)'));
module.exports = {
  getPassword: unavailable,
  setPassword: unavailable,
  deletePassword: unavailable,
  findCredentials: unavailable,
  findPassword: unavailable,
};
