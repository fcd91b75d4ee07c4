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
        // Plain text: the highlighter's light theme has green strings at
        // 3.75:1 against its background, below the 4.5:1 text needs.
        language="text"
        showCopyCodeButton
        wrapLongLines
        customStyle={{ overflowWrap: 'anywhere', paddingRight: 48 }}
      />
    </Box>
  );
}
