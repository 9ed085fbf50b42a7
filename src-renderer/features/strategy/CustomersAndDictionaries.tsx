/**
 * 客户与字典: the customer units (客户单位) with their class, tier, owner and status, and the
 * editable dictionaries behind every list on the strategy tables. Rows store dictionary ids, so a
 * rename shows everywhere at once; deleting an entry that is in use is refused with its count.
 */
import { Col, Row } from 'antd';
import type { ReactNode } from 'react';
import { CustomerTable } from './CustomerTable';
import { DictionaryEditor } from './DictionaryEditor';
import type { StrategyLookups } from './strategy-data';

export function CustomersAndDictionaries({ lookups }: { lookups: StrategyLookups }): ReactNode {
  return (
    <Row gutter={16}>
      <Col xs={24} xl={15}>
        <CustomerTable lookups={lookups} />
      </Col>
      <Col xs={24} xl={9}>
        <DictionaryEditor lookups={lookups} />
      </Col>
    </Row>
  );
}
