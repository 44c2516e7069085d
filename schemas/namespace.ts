/** The namespace the bundled schema is written for (spec §4, `namespace=sra`). */
export const SCHEMA_NAMESPACE = 'http://www.beyondtrust.com/sra/namespaces/API/reporting';

const TARGET = ` targetNamespace="${SCHEMA_NAMESPACE}"`;
const DEFAULT = ` xmlns="${SCHEMA_NAMESPACE}"`;

/**
 * The bundled schema rewritten for another document namespace: `targetNamespace` and the
 * schema's own default namespace (through which its type references resolve) both become
 * `namespace`. An empty `namespace` removes both, giving a schema for unqualified documents
 * (`namespace=none`, and the bare `<error>` of old appliances).
 */
export function schemaForNamespace(xsd: string, namespace: string): string {
  if (!xsd.includes(TARGET) || !xsd.includes(DEFAULT)) {
    throw new Error('the schema does not declare the namespace it is written for');
  }
  if (namespace === SCHEMA_NAMESPACE) return xsd;
  const target = namespace ? ` targetNamespace="${namespace}"` : '';
  const own = namespace ? ` xmlns="${namespace}"` : '';
  return xsd.replace(TARGET, target).replace(DEFAULT, own);
}
