/**
 * The app's toasts (antd message), themed by the app's ConfigProvider. A provider of our own
 * rather than antd's App: App also brings Modal and notification, which the first screen then
 * has to load; the pages that use Modal import it themselves.
 */
import { message } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { createContext, useContext, type ReactNode } from 'react';

const MessageContext = createContext<MessageInstance | null>(null);

export function MessageProvider({ children }: { children: ReactNode }): ReactNode {
  // Below the header, so a toast never covers its year switch or 新建年度计划.
  const [api, holder] = message.useMessage({ top: 64 });
  return (
    <MessageContext.Provider value={api}>
      {holder}
      {children}
    </MessageContext.Provider>
  );
}

/** The toasts of the app (success, error, warning …). */
export function useMessage(): MessageInstance {
  const api = useContext(MessageContext);
  if (!api) throw new Error('useMessage() outside MessageProvider');
  return api;
}
