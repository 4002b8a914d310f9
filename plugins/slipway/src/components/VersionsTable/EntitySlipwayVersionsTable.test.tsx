import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { VersionsResponse } from '@slipway/plugin-slipway-common';
import { mockSlipwayApi } from '../../hooks/testFixtures';
import { renderEntityCard } from '../__testUtils__/renderEntityCard';
import { EntitySlipwayVersionsTable } from './EntitySlipwayVersionsTable';

// Tables and dialogs of material-ui render slowly on a busy machine.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);

function renderTable(api: ReturnType<typeof mockSlipwayApi>) {
  return renderEntityCard(<EntitySlipwayVersionsTable />, api);
}

function env(
  environment: string,
  tag: string,
  chartVersion: string,
  latestVersion?: string,
): VersionsResponse['items'][number] {
  return {
    entityRef: `application:default/payments-${environment}`,
    environment,
    images: [
      {
        repository: 'registry.example.com/payments',
        tag,
        digest: `sha256:${environment}`,
        container: 'app',
        resource: 'Deployment/payments',
      },
    ],
    charts: [{ repoURL: 'https://charts.example.com', chart: 'redis', version: chartVersion, latestVersion }],
  };
}

describe('EntitySlipwayVersionsTable', () => {
  it('shows the tag of each image per environment and highlights the one that differs', async () => {
    const api = mockSlipwayApi();
    const response: VersionsResponse = {
      items: [
        env('prod', '1.4.2', '18.1.0', '18.2.0'),
        env('dev', '1.5.0', '18.1.0', '18.2.0'),
        env('staging', '1.4.2', '18.1.0', '18.2.0'),
      ],
    };
    // Images not running yet: compared by tag (the digests differ per environment in env()).
    response.items.forEach(item => delete item.images[0].digest);
    api.getVersions.mockResolvedValue(response);
    await renderTable(api);
    expect(api.getVersions).toHaveBeenCalledWith({ component: 'component:default/payments' });
    const headers = (await screen.findAllByRole('columnheader')).map(h => h.textContent);
    expect(headers).toEqual(['Image or chart', 'dev', 'staging', 'prod']);

    const imageRow = screen.getByText('registry.example.com/payments').closest('tr')!;
    expect(within(imageRow).getByText('differs between environments', { exact: false })).toBeInTheDocument();
    expect(within(imageRow).getByText('1.5.0')).toHaveAttribute('data-differs', 'true');
    within(imageRow)
      .getAllByText('1.4.2')
      .forEach(cell => expect(cell).not.toHaveAttribute('data-differs'));

    const chartRow = screen.getByText('redis').closest('tr')!;
    expect(within(chartRow).queryByText('differs between environments', { exact: false })).toBeNull();
    expect(within(chartRow).getAllByText('newer chart version 18.2.0 available')).toHaveLength(3);
  });

  it('shows the digest in a tooltip', async () => {
    const api = mockSlipwayApi();
    api.getVersions.mockResolvedValue({ items: [env('dev', '1.5.0', '18.1.0')] });
    await renderTable(api);
    await userEvent.hover(await screen.findByText('1.5.0'));
    expect(await screen.findByText(/digest sha256:dev/)).toBeInTheDocument();
  });

  it('says how versions appear when the component has no applications', async () => {
    const api = mockSlipwayApi();
    api.getVersions.mockResolvedValue({ items: [] });
    await renderTable(api);
    expect(await screen.findByText('No Applications for payments')).toBeInTheDocument();
  });

  it('says what to check when applications have no images or charts', async () => {
    const api = mockSlipwayApi();
    api.getVersions.mockResolvedValue({
      items: [{ entityRef: 'application:default/payments-dev', environment: 'dev', images: [], charts: [] }],
    });
    await renderTable(api);
    expect(await screen.findByText('No container images or Helm charts found for payments')).toBeInTheDocument();
  });

  it('names the component and the next step when loading fails', async () => {
    const api = mockSlipwayApi();
    api.getVersions.mockRejectedValue(new Error('503 Service Unavailable'));
    await renderTable(api);
    expect(await screen.findByText(/Could not load the versions deployed for payments/)).toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    const api = mockSlipwayApi();
    api.getVersions.mockReturnValue(new Promise(() => {}));
    await renderTable(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });
});
