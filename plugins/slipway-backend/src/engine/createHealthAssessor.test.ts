import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHealthAssessor } from './createHealthAssessor';

const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'ClusterIP' } };

describe('createHealthAssessor', () => {
  it('runs the scripts of slipway.health.luaScriptsDir and the customizations, which win over the folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-health-'));
    try {
      for (const kind of ['Widget', 'Gadget']) {
        fs.mkdirSync(path.join(dir, 'example.com', kind), { recursive: true });
        fs.writeFileSync(path.join(dir, 'example.com', kind, 'health.lua'), `return {status = "Degraded", message = "${kind} from the folder"}`);
      }
      const config = new ConfigReader({
        slipway: {
          health: {
            luaScriptsDir: dir,
            customizations: { 'example.com_Widget': 'return {status = "Healthy", message = "from the configuration"}' },
          },
        },
      });
      const logger = mockServices.logger.mock();
      const health = await createHealthAssessor(config, logger);
      try {
        expect(await health.assess(widget)).toEqual({ status: 'Healthy', message: 'from the configuration' });
        expect(await health.assess({ ...widget, kind: 'Gadget' })).toEqual({ status: 'Degraded', message: 'Gadget from the folder' });
        expect(logger.error).not.toHaveBeenCalled();
      } finally {
        await health.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('logs bad health configuration and starts without it instead of stopping the backend', async () => {
    const config = new ConfigReader({
      slipway: {
        health: {
          luaScriptsDir: path.join(os.tmpdir(), 'no-such-folder-for-slipway'),
          customizations: { 'example.com_Widget': 'return {', Pod: 'return {status = "Healthy"}' },
        },
      },
    });
    const logger = mockServices.logger.mock();
    const health = await createHealthAssessor(config, logger);
    try {
      expect(await health.assess(service)).toEqual({ status: 'Healthy' });
      expect((await health.assess(widget))?.status).toBe('Unknown');
      const logged = (logger.error as jest.Mock).mock.calls.map(c => String(c[0]));
      expect(logged).toEqual([
        expect.stringContaining('no-such-folder-for-slipway'),
        expect.stringContaining('slipway.health.customizations["example.com_Widget"]'),
      ]);
    } finally {
      await health.close();
    }
  });
});
