import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';

/**
 * A YAML block to copy: long lines wrap inside the card instead of running
 * past it; the copy button copies the text exactly.
 */
export function YamlBlock(props: { text: string; 'aria-label'?: string }) {
  return (
    <Box
      role="group"
      aria-label={props['aria-label']}
      style={{ overflowWrap: 'anywhere', maxWidth: '100%' }}
    >
      <CodeSnippet
        text={props.text}
        language="yaml"
        showCopyCodeButton
        wrapLongLines
        customStyle={{ overflowWrap: 'anywhere', paddingRight: 48 }}
      />
    </Box>
  );
}
