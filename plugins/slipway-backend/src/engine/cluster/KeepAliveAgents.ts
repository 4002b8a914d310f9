import http from 'node:http';
import https from 'node:https';

/**
 * Keep-alive HTTP agents for a cluster's API server. client-node's
 * `applyToHTTPSOptions` builds a new agent, without keep-alive, for every
 * request: each call then opened a TCP (and TLS) connection of its own. Agents
 * here are reused for as long as the TLS settings they were built from stay
 * the same (a rotated client certificate gets a new agent).
 */
export class KeepAliveAgents {
  private readonly agents = new Map<string, http.Agent>();

  /** The agent for `protocol`, with the TLS settings of the agent client-node built. */
  agentFor(protocol: string, built: unknown): http.Agent {
    const tls = (built instanceof https.Agent ? built.options : {}) as https.AgentOptions;
    const text = (value: unknown) => (value === undefined ? '' : String(value));
    const key = [protocol, tls.rejectUnauthorized, tls.servername, text(tls.ca), text(tls.cert), text(tls.key), text(tls.pfx), tls.passphrase].join('\n');
    let agent = this.agents.get(key);
    if (!agent) {
      // one set of TLS settings at a time: drop agents built from settings no longer in use
      for (const old of this.agents.values()) old.destroy();
      this.agents.clear();
      agent =
        protocol === 'https:'
          ? new https.Agent({ ...tls, keepAlive: true, maxSockets: 64 })
          : new http.Agent({ keepAlive: true, maxSockets: 64 });
      this.agents.set(key, agent);
    }
    return agent;
  }
}
