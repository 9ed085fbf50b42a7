/**
 * antd's styles for the first screen, made at build time instead of in the browser. antd writes
 * each component's CSS the first time the component renders (CSS-in-JS), which costs the first
 * screen as much as evaluating the grid library. The build (electron.vite.config.ts) renders the
 * components below to a string in Node with the app's theme, extracts the CSS antd generated and
 * puts it into index.html together with antd's map of what it holds; in the browser antd finds
 * those components' styles already there and skips generating them. Any component not listed here
 * still gets its styles generated at run time, so the list only has to be good, not complete.
 */
import { createCache, extractStyle, StyleProvider } from '@ant-design/cssinjs';
import { App, Badge, Button, Card, ConfigProvider, Empty, Layout, Menu, Result, Segmented, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { APP_THEME } from '../theme';

/** The antd components of the shell (AppShell, PageContent) and of the start page (年度目标). */
function FirstScreenComponents(): ReactNode {
  return (
    <Layout>
      <Layout.Sider theme="light" breakpoint="lg" collapsedWidth={56}>
        <Menu
          mode="inline"
          selectedKeys={['a']}
          items={[
            { key: 'a', label: 'a' },
            {
              key: 'b',
              label: (
                <span>
                  b<Tag>c</Tag>
                </span>
              ),
            },
          ]}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header>
          <Typography.Text strong>a</Typography.Text>
          <Typography.Text type="secondary">b</Typography.Text>
          <Tag>c</Tag>
          <Badge status="success" text="d" />
          <Segmented size="small" value="a" options={['a', 'b']} />
        </Layout.Header>
        <Layout.Content>
          <Spin size="large" />
          <Typography.Title level={4}>e</Typography.Title>
          <Space wrap>
            <Button size="small">f</Button>
            <Tooltip title="g">
              <Button size="small">h</Button>
            </Tooltip>
          </Space>
          <Card size="small" title="i" extra={<Select size="small" value="a" options={[{ value: 'a', label: 'a' }]} />}>
            <Empty />
          </Card>
          <Result status="info" title="j" />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The CSS (plain text) antd generates for the components above with the app's theme. */
export function firstScreenStyles(): string {
  if (process.env.NODE_ENV !== 'production')
    throw new Error('first-screen styles are built in production mode only (antd names its classes differently otherwise)');
  const cache = createCache();
  renderToString(
    <StyleProvider cache={cache}>
      {/* No locale: texts do not change the CSS. */}
      <ConfigProvider theme={APP_THEME}>
        <App>
          <FirstScreenComponents />
        </App>
      </ConfigProvider>
    </StyleProvider>,
  );
  return extractStyle(cache, { plain: true, types: 'style' });
}
