/** The simulator's urlCheck: which addresses a game's network calls may reach. */
import { describe, expect, it } from 'vitest';
import { netDecision, NO_DOMAINS, type NetPolicyInput } from './net-policy.js';
import { findNetworkProfile } from './network-profiles.js';

const base: NetPolicyInput = {
  domains: { ...NO_DOMAINS, request: ['https://api.example.com'], socket: ['wss://ws.example.com:8443'] },
  urlCheck: true,
  remoteUrl: 'https://cdn.example.com/game/',
  network: findNetworkProfile('wifi')!,
  ownOrigin: 'http://127.0.0.1:4000',
};

describe('netDecision', () => {
  it('passes a listed origin for its kind of call only, and the Remote URL for request and downloadFile', () => {
    expect(netDecision(base, 'request', 'https://api.example.com/v1/score?x=1').allowed).toBe(true);
    expect(netDecision(base, 'uploadFile', 'https://api.example.com/upload')).toMatchObject({ allowed: false, failText: 'url not in domain list' });
    expect(netDecision(base, 'downloadFile', 'https://cdn.example.com/other/file.png')).toMatchObject({ allowed: true, note: "allowed: the build's Remote URL" });
    expect(netDecision(base, 'socket', 'wss://ws.example.com:8443/live').allowed).toBe(true);
    // A port is part of the domain, as on the platform.
    expect(netDecision(base, 'socket', 'wss://ws.example.com/live').allowed).toBe(false);
    expect(netDecision(base, 'request', 'https://evil.example.com/').note).toBe('refused: https://evil.example.com is not in the request domain list (urlCheck is on)');
  });

  it('with urlCheck off passes any address, but never the simulator itself, nothing offline, and only http(s)/ws(s)', () => {
    const off = { ...base, urlCheck: false };
    expect(netDecision(off, 'request', 'https://anything.example/').note).toBe('allowed: urlCheck is off');
    expect(netDecision(off, 'request', 'http://127.0.0.1:4000/__sim/events').allowed).toBe(false);
    expect(netDecision(off, 'request', 'file:///etc/passwd').allowed).toBe(false);
    expect(netDecision(off, 'socket', 'https://api.example.com/').allowed).toBe(false);
    expect(netDecision({ ...off, network: findNetworkProfile('offline')! }, 'request', 'https://api.example.com/')).toMatchObject({ allowed: false, note: 'refused: the network profile is offline' });
  });
});
